using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Orleans.Betting.Security;

namespace Orleans.Betting.Silo.Security;

/// <summary>
/// Who counts as an operator: a certificate of the operator CA whose subject names the operator
/// unit (OU). Checks an assertion for one call: a certificate's chain and unit are checked once per
/// five minutes (its public key kept meanwhile), the signature on every call, and its nonce against
/// those seen while an assertion of that age could still be accepted (a replay is refused). The
/// grain a call targets lives on one silo, so that silo's memory of nonces is the one that counts;
/// a grain moved to another silo inside the window could see a captured call once more.
/// </summary>
public sealed class OperatorAccess(OperatorPolicy policy, TimeProvider clock)
{
    private static readonly TimeSpan ChainCheckLifetime = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, Checked> certificates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> nonces = new(StringComparer.Ordinal);

    public X509Certificate2Collection Authorities { get; } = policy.Authorities;

    public string Unit { get; } = policy.Unit;

    /// <summary>The outcome of checking one certificate: the operator's name and key, or why not.</summary>
    private sealed record Checked(string? Name, string? Error, OperatorAssertion.Verifier? Key, DateTimeOffset At);

    /// <summary>The operator's name when the assertion proves this call; otherwise why not.</summary>
    public (string? Operator, string? Error) Verify(
        string assertion,
        System.Reflection.MethodInfo method,
        string targetGrain,
        string argumentsHash
    )
    {
        var (certificate, seconds, nonce, signature, error) = OperatorAssertion.Parse(assertion);
        if (certificate is null)
        {
            return (null, error);
        }

        var now = clock.GetUtcNow();
        var age = now - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age.Duration() > OperatorAssertion.MaxAge)
        {
            return (
                null,
                $"the operator assertion was made {age.TotalSeconds:F0} s from the silo's clock (at most {OperatorAssertion.MaxAge.TotalSeconds:F0} s): are the clocks set?"
            );
        }

        var known = CheckCertificate(certificate, now);
        if (known.Key is null)
        {
            return (null, known.Error);
        }

        if (!known.Key.Holds(OperatorAssertion.CallText(method, targetGrain, seconds, nonce, argumentsHash), signature))
        {
            return (null, $"the operator assertion of '{known.Name}' is not a signature of this call (method, grain, arguments)");
        }

        // Only a genuine signature reaches the nonce memory: strangers cannot fill it.
        if (!Remember(nonce, DateTimeOffset.FromUnixTimeSeconds(seconds) + OperatorAssertion.MaxAge, now))
        {
            return (null, $"the operator assertion of '{known.Name}' was used before (a replay)");
        }

        return (known.Name, null);
    }

    /// <summary>False when the nonce is already remembered; otherwise remembers it until it could no longer be accepted.</summary>
    private bool Remember(string nonce, DateTimeOffset until, DateTimeOffset now)
    {
        if (nonces.Count > 10_000)
        {
            foreach (var (old, expires) in nonces)
            {
                if (expires < now)
                {
                    nonces.TryRemove(old, out _);
                }
            }
        }

        return nonces.TryAdd(nonce, until);
    }

    private Checked CheckCertificate(string base64, DateTimeOffset now)
    {
        if (certificates.TryGetValue(base64, out var known) && now - known.At < ChainCheckLifetime)
        {
            return known;
        }

        var (certificate, error) = OperatorAssertion.LoadCertificate(base64);
        Checked result;
        using (certificate)
        {
            result = certificate is null ? new Checked(null, error, null, now) : Check(certificate, now);
        }

        if (certificates.Count > 1_000)
        {
            certificates.Clear(); // a handful of operators in practice: a flood of strangers only empties the cache
        }

        certificates[base64] = result;
        return result;
    }

    private Checked Check(X509Certificate2 certificate, DateTimeOffset now)
    {
        if (TransportCertificates.ChainProblem(certificate, Authorities) is { } why)
        {
            return new Checked(null, $"the certificate '{certificate.Subject}' does not chain to the operator CA ({why})", null, now);
        }

        return OperatorAssertion.Units(certificate).Contains(Unit, StringComparer.OrdinalIgnoreCase)
            ? new Checked(OperatorAssertion.CommonName(certificate), null, new OperatorAssertion.Verifier(certificate), now)
            : new Checked(null, $"the certificate '{certificate.Subject}' is not an operator's (its subject has no OU={Unit})", null, now);
    }
}
