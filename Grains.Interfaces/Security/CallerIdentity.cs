namespace Orleans.Betting.Security;

/// <summary>
/// Who asked, as the silo's call filter established it: the operator named by a verified client
/// certificate, carried in the request context to the grain that records it (an approver, say)
/// and on to the calls that grain makes. A value a client put there itself is removed before any
/// grain sees it.
/// </summary>
public static class CallerIdentity
{
    /// <summary>Request-context key of the verified operator's name (set by the silo only).</summary>
    public const string OperatorKey = "betting.operator";

    /// <summary>Request-context key of the client's signed operator assertion (<see cref="OperatorAssertion"/>).</summary>
    public const string AssertionKey = "betting.operator-assertion";

    /// <summary>Request-context key of the stamp silos put on their own calls.</summary>
    public const string InternalStampKey = "betting.internal";

    /// <summary>The verified operator behind the current call, or null (a timer, an agent, no identity required).</summary>
    public static string? Operator => Orleans.Runtime.RequestContext.Get(OperatorKey) as string;

    /// <summary>
    /// The name to record for a human decision: the verified operator when there is one; otherwise
    /// the name given, marked unverified (a loopback cluster that asks for no identity).
    /// </summary>
    public static string RecordedName(string? given) =>
        Operator ?? (string.IsNullOrWhiteSpace(given) ? "unverified" : $"{given.Trim()} (unverified)");

    /// <summary>
    /// A reason as recorded for an action (a pause, a resume, a drill): with the verified operator's
    /// name when a person asked, so the record says who, whatever the reason text claims.
    /// </summary>
    public static string Attributed(string reason) => Operator is { } who ? $"{reason} (operator {who})" : reason;
}
