using System.Security.Cryptography.X509Certificates;

namespace Orleans.Betting.Security;

/// <summary>
/// Certificates for TLS between silos and from clients (Orleans:Tls:* on the silo, --tls-* on the
/// client): this end's certificate with its key (PEM pair, as a Kubernetes TLS Secret mounts them,
/// or a PKCS#12 file) and the CA that the other end's certificate must chain to. Host names are not
/// checked — pods come and go with new addresses — the chain to our own CA is.
/// </summary>
public sealed class TransportCertificates
{
    private TransportCertificates(X509Certificate2 local, X509Certificate2Collection authorities, string? siloUnit)
    {
        Local = local;
        Authorities = authorities;
        SiloUnit = siloUnit;
    }

    /// <summary>The organizational unit a silo's certificate names (dev-certs: OU=silo).</summary>
    public const string DefaultSiloUnit = "silo";

    public X509Certificate2 Local { get; }

    public X509Certificate2Collection Authorities { get; }

    /// <summary>The OU a peer on the silo port must name, or null when any server certificate of the CA is a silo (a CA of silos only).</summary>
    public string? SiloUnit { get; }

    /// <exception cref="ArgumentException">A file is missing or holds no usable certificate or key; the message names which.</exception>
    public static TransportCertificates Load(string certificatePath, string? keyPath, string caPath, string? siloUnit = DefaultSiloUnit) =>
        new(LoadCertificateWithKey(certificatePath, keyPath), LoadAuthorities(caPath), siloUnit);

    /// <summary>
    /// This end's certificate with its private key: a PEM pair (as a Kubernetes TLS Secret mounts
    /// them) or a PKCS#12 file. <paramref name="purpose"/> names it in errors ("TLS", "operator").
    /// </summary>
    /// <exception cref="ArgumentException">A file is missing or holds no usable certificate or key; the message names which.</exception>
    public static X509Certificate2 LoadCertificateWithKey(string certificatePath, string? keyPath, string purpose = "TLS")
    {
        foreach (var (path, what) in new[] { (certificatePath, "certificate"), (keyPath, "key") })
        {
            if (path is not null && !File.Exists(path))
            {
                throw new ArgumentException($"{purpose} {what} file '{path}' does not exist");
            }
        }

        X509Certificate2 local;
        try
        {
            local =
                certificatePath.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase)
                || certificatePath.EndsWith(".p12", StringComparison.OrdinalIgnoreCase)
                    ? X509CertificateLoader.LoadPkcs12FromFile(certificatePath, null)
                    : X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            // SslStream on Linux wants a certificate whose key is not ephemeral: round-trip through PKCS#12.
            local = X509CertificateLoader.LoadPkcs12(local.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new ArgumentException(
                $"{purpose} certificate '{certificatePath}'{(keyPath is null ? "" : $" with key '{keyPath}'")}: {e.Message}"
            );
        }

        if (!local.HasPrivateKey)
        {
            throw new ArgumentException($"{purpose} certificate '{certificatePath}' has no private key (give the key file too)");
        }

        return local;
    }

    /// <summary>The CA certificates (PEM) another end's certificate must chain to.</summary>
    /// <exception cref="ArgumentException">The file is missing or holds no certificate.</exception>
    public static X509Certificate2Collection LoadAuthorities(string caPath, string purpose = "TLS")
    {
        if (!File.Exists(caPath))
        {
            throw new ArgumentException($"{purpose} CA file '{caPath}' does not exist");
        }

        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(caPath);
        if (authorities.Count == 0)
        {
            throw new ArgumentException($"{purpose} CA file '{caPath}' holds no certificate");
        }

        return authorities;
    }

    /// <summary>
    /// Why <paramref name="certificate"/> does not chain to <paramref name="authorities"/>, or null when
    /// it does (revocation not checked: short-lived, self-run CA; no AIA downloads: our CA is all there is).
    /// </summary>
    public static string? ChainProblem(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        return chain.Build(certificate)
            ? null
            : string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
    }

    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    /// <summary>
    /// True for a peer on the silo-to-silo port: a certificate of our authorities made for servers
    /// (server authentication EKU), as silos' are and clients' and operators' (client
    /// authentication only) are not, and naming the silo unit (<see cref="SiloUnit"/>) — another
    /// server the same CA certified (a web front, a database) is not a silo either. A client
    /// certificate cannot join the cluster as a silo.
    /// </summary>
    public bool TrustsSilo(X509Certificate2? remote) =>
        Trusts(remote)
        && remote!.Extensions.OfType<X509EnhancedKeyUsageExtension>() is var usages
        && usages.Any(u => u.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Any(o => o.Value == ServerAuthentication))
        && (SiloUnit is null || OperatorAssertion.Units(remote).Contains(SiloUnit, StringComparer.OrdinalIgnoreCase));

    /// <summary>True when the remote certificate chains to one of our authorities.</summary>
    public bool Trusts(X509Certificate2? remote) => remote is not null && ChainProblem(remote, Authorities) is null;
}
