using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Orleans.Betting.Security;

/// <summary>The operator certificate a client signs its operator calls with; none, and it calls as a reader.</summary>
public sealed class OperatorCredential
{
    private X509Certificate2? certificate;

    public X509Certificate2? Certificate
    {
        get => certificate;
        set
        {
            certificate = value;
            Signer = value is null ? null : new OperatorAssertion.Signer(value);
        }
    }

    /// <summary>The certificate's key, loaded once for every call it signs.</summary>
    internal OperatorAssertion.Signer? Signer { get; private set; }

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
/// with the operator certificate's key for that method, grain, moment and these arguments, under a
/// fresh nonce (<see cref="OperatorAssertion"/>).
/// </summary>
public sealed class OperatorCallSigner(OperatorCredential credential, TimeProvider clock) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (credential.Signer is { } signer && context.InterfaceMethod is { } method && CallAccessRules.Of(method) == CallAccess.Operator)
        {
            Orleans.Runtime.RequestContext.Set(
                CallerIdentity.AssertionKey,
                signer.Create(method, context.TargetId.ToString(), clock.GetUtcNow(), OperatorAssertion.ArgumentsHash(context.Request))
            );
        }

        await context.Invoke();
    }
}

public static class OperatorSigning
{
    /// <summary>A client whose operator calls are signed with <paramref name="credential"/>'s certificate (none: it calls as a reader).</summary>
    public static IClientBuilder AddOperatorSigning(this IClientBuilder client, OperatorCredential credential)
    {
        client.Services.AddSingleton(credential);
        client.Services.TryAddSingleton(TimeProvider.System);
        return client.AddOutgoingGrainCallFilter<OperatorCallSigner>();
    }
}
