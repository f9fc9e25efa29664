namespace Orleans.Betting.ExternalApis;

/// <summary>
/// The ambient facts of one outbound request, flowing (AsyncLocal) from the grain into the HTTP
/// handler chain: its priority, and whether its first attempt's token was already taken by the
/// grain (taken there so the priority wait happens outside the HTTP timeouts). Retries, which
/// the resilience pipeline makes inside those timeouts, each take a token of their own.
/// </summary>
public sealed class OutboundCall
{
    private static readonly AsyncLocal<OutboundCall?> Ambient = new();
    private int prepaid;

    private OutboundCall(RequestPriority priority, bool prepaid, bool probe)
    {
        Priority = priority;
        Probe = probe;
        this.prepaid = prepaid ? 1 : 0;
    }

    public static OutboundCall? Current => Ambient.Value;

    public RequestPriority Priority { get; }

    /// <summary>A connectivity probe: its outcome goes to the connectivity graph, not into the API's usage figures.</summary>
    public bool Probe { get; }

    public static Scope Begin(RequestPriority priority, bool firstTokenTaken, bool probe = false)
    {
        var previous = Ambient.Value;
        Ambient.Value = new OutboundCall(priority, firstTokenTaken, probe);
        return new Scope(previous);
    }

    /// <summary>True once: the attempt may use the token the grain already took.</summary>
    public bool TryUsePrepaidToken() => Interlocked.Exchange(ref prepaid, 0) == 1;

    public readonly struct Scope(OutboundCall? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
