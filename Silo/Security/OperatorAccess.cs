using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Orleans.Betting.Security;

namespace Orleans.Betting.Silo.Security;

/// <summary>
/// Who counts as an operator: a certificate of the operator CA whose subject names
/// the operator unit as an organizational unit (OU). Checks an assertion for one call; a
/// certificate's chain is checked once per five minutes, the signature on every call.
/// </summary>
public sealed class OperatorAccess(OperatorPolicy policy, TimeProvider clock)
{
    private static readonly TimeSpan ChainCheckLifetime = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (string? Name, string? Error, DateTimeOffset CheckedAt)> chains = new();

    public X509Certificate2Collection Authorities { get; } = policy.Authorities;

    public string Unit { get; } = policy.Unit;

    /// <summary>The operator's name when the assertion proves this call; otherwise why not.</summary>
    public (string? Operator, string? Error) Verify(string assertion, System.Reflection.MethodInfo method, string targetGrain)
    {
        var (certificate, seconds, signature, error) = OperatorAssertion.Parse(assertion);
        if (certificate is null)
        {
            return (null, error);
        }

        using (certificate)
        {
            var now = clock.GetUtcNow();
            var age = now - DateTimeOffset.FromUnixTimeSeconds(seconds);
            if (age.Duration() > OperatorAssertion.MaxAge)
            {
                return (
                    null,
                    $"the operator assertion was made {age.TotalSeconds:F0} s from the silo's clock (at most {OperatorAssertion.MaxAge.TotalSeconds:F0} s): are the clocks set?"
                );
            }

            var (name, chainError) = CheckCertificate(certificate, now);
            if (name is null)
            {
                return (null, chainError);
            }

            return OperatorAssertion.SignatureHolds(certificate, OperatorAssertion.CallText(method, targetGrain, seconds), signature)
                ? (name, null)
                : (null, $"the operator assertion of '{name}' is not a signature of this call");
        }
    }

    private (string? Name, string? Error) CheckCertificate(X509Certificate2 certificate, DateTimeOffset now)
    {
        if (chains.TryGetValue(certificate.Thumbprint, out var known) && now - known.CheckedAt < ChainCheckLifetime)
        {
            return (known.Name, known.Error);
        }

        var result = Check(certificate);
        if (chains.Count > 1_000)
        {
            chains.Clear(); // a handful of operators in practice: a flood of strangers only empties the cache
        }

        chains[certificate.Thumbprint] = (result.Name, result.Error, now);
        return result;
    }

    private (string? Name, string? Error) Check(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(Authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        if (!chain.Build(certificate))
        {
            var why = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
            return (null, $"the certificate '{certificate.Subject}' does not chain to the operator CA ({why})");
        }

        return OperatorAssertion.Units(certificate).Contains(Unit, StringComparer.OrdinalIgnoreCase)
            ? (OperatorAssertion.CommonName(certificate), null)
            : (null, $"the certificate '{certificate.Subject}' is not an operator's (its subject has no OU={Unit})");
    }
}
