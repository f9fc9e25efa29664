using System.Security.Cryptography.X509Certificates;

namespace Orleans.Betting.Security;

/// <summary>The operator certificate a client signs its operator calls with; none, and it calls as a reader.</summary>
public sealed class OperatorCredential
{
    public X509Certificate2? Certificate { get; set; }

    /// <summary>The certificate when its subject names the operator unit (an ordinary client certificate signs nothing).</summary>
    public static X509Certificate2? IfOperator(X509Certificate2? certificate, string unit = OperatorAssertion.DefaultUnit) =>
        certificate is not null
        && certificate.HasPrivateKey
        && OperatorAssertion.Units(certificate).Contains(unit, StringComparer.OrdinalIgnoreCase)
            ? certificate
            : null;
}

/// <summary>
/// The client's side of operator calls: each call to an operator method carries an assertion signed
/// with the operator certificate's key for that method, grain and moment (<see cref="OperatorAssertion"/>).
/// </summary>
public sealed class OperatorCallSigner(OperatorCredential credential, TimeProvider clock) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (
            credential.Certificate is { } certificate
            && context.InterfaceMethod is { } method
            && CallAccessRules.Of(method) == CallAccess.Operator
        )
        {
            Orleans.Runtime.RequestContext.Set(
                CallerIdentity.AssertionKey,
                OperatorAssertion.Create(certificate, method, context.TargetId.ToString(), clock.GetUtcNow())
            );
        }

        await context.Invoke();
    }
}
