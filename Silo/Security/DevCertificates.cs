using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Orleans.Betting.Silo.Security;

/// <summary>
/// A development certificate authority and its leaves, for a cluster that runs with mutual TLS on
/// one machine (Compose): <c>ca.crt</c>, then <c>{name}.crt</c> + <c>{name}.key</c> (PEM) per silo
/// (OU=silo, server and client authentication, the name as its DNS SAN), per client (OU=client,
/// client authentication only: reads) and per operator (OU=operator, client authentication only:
/// its holder may call operator methods, and is recorded by name), so the kinds are told apart. The CA's key is never written:
/// to add a name, make a new set. An existing complete set is kept (restarts reuse it).
/// </summary>
public static class DevCertificates
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    /// <returns>The files written, or none when a complete set was already there.</returns>
    public static IReadOnlyList<string> Write(
        string directory,
        IReadOnlyList<string> silos,
        IReadOnlyList<string> clients,
        TimeSpan validity,
        IReadOnlyList<string>? operators = null
    )
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        operators ??= [];
        var names = silos.Concat(clients).Concat(operators).ToList();
        if (silos.Count == 0 || names.Any(n => string.IsNullOrWhiteSpace(n) || n.Any(c => !(char.IsLetterOrDigit(c) || c is '-' or '.'))))
        {
            throw new ArgumentException(
                $"names must be letters, digits, '-' or '.', and at least one silo: silos '{string.Join(",", silos)}', clients '{string.Join(",", clients)}', operators '{string.Join(",", operators)}'"
            );
        }

        Directory.CreateDirectory(directory);
        var ca = Path.Combine(directory, "ca.crt");
        if (
            File.Exists(ca)
            && names.All(n => File.Exists(Path.Combine(directory, $"{n}.crt")) && File.Exists(Path.Combine(directory, $"{n}.key")))
        )
        {
            return [];
        }

        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Orleans.Betting development CA, O=Orleans.Betting", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var authority = caRequest.CreateSelfSigned(now.AddMinutes(-5), now + validity);
        var written = new List<string> { ca };
        File.WriteAllText(ca, authority.ExportCertificatePem());
        foreach (
            var (name, role) in silos
                .Select(s => (s, "silo"))
                .Concat(clients.Select(c => (c, "client")))
                .Concat(operators.Select(o => (o, "operator")))
        )
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={name}, OU={role}, O=Orleans.Betting", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(
                new X509EnhancedKeyUsageExtension(
                    role == "silo" ? new OidCollection { ServerAuth, ClientAuth } : new OidCollection { ClientAuth },
                    false
                )
            );
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName(name);
            request.CertificateExtensions.Add(san.Build());
            using var leaf = request.Create(authority, now.AddMinutes(-5), now + validity, RandomNumberGenerator.GetBytes(12));
            var crt = Path.Combine(directory, $"{name}.crt");
            var pem = Path.Combine(directory, $"{name}.key");
            File.WriteAllText(crt, leaf.ExportCertificatePem());
            Security.PrivateFiles.WriteAllText(pem, key.ExportPkcs8PrivateKeyPem());
            written.Add(crt);
            written.Add(pem);
        }

        return written;
    }
}
