using System.Security.Cryptography.X509Certificates;
using Orleans.Betting.Security;
using Orleans.Betting.Silo.Security;

namespace Orleans.Betting.Tests.Hosting;

/// <summary>The development CA Compose runs first: silos and clients of one CA, told apart, kept across restarts.</summary>
public sealed class DevCertificatesTests
{
    [Fact]
    public void SilosAndClientsGetCertificatesOfOneCaToldApartAndASetIsKept()
    {
        using var dir = new TempDirectory("dev-certs");
        var written = DevCertificates.Write(dir.Path, ["silo1", "silo2"], ["client"], TimeSpan.FromDays(30), ["alice"]);
        Assert.Equal(9, written.Count); // the CA, and a certificate and key for each of four names

        string P(string file) => Path.Combine(dir.Path, file);
        var silo1 = TransportCertificates.Load(P("silo1.crt"), P("silo1.key"), P("ca.crt"));
        var silo2 = TransportCertificates.Load(P("silo2.crt"), P("silo2.key"), P("ca.crt"));
        var client = TransportCertificates.Load(P("client.crt"), P("client.key"), P("ca.crt"));
        Assert.True(silo1.Trusts(silo2.Local));
        Assert.True(silo2.Trusts(client.Local));

        string[] Usages(X509Certificate2 c) =>
            c
                .Extensions.OfType<X509EnhancedKeyUsageExtension>()
                .Single()
                .EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>()
                .Select(o => o.Value!)
                .Order()
                .ToArray();
        Assert.Contains("OU=silo", silo1.Local.Subject);
        Assert.Equal(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], Usages(silo1.Local)); // server and client authentication
        Assert.Contains("OU=client", client.Local.Subject);
        Assert.Equal(["1.3.6.1.5.5.7.3.2"], Usages(client.Local)); // client authentication only
        var alice = TransportCertificates.Load(P("alice.crt"), P("alice.key"), P("ca.crt"));
        Assert.Contains("OU=operator", alice.Local.Subject);
        Assert.Equal(["1.3.6.1.5.5.7.3.2"], Usages(alice.Local));
        Assert.Equal("alice", OperatorAssertion.CommonName(alice.Local));
        Assert.Same(alice.Local, OperatorCredential.IfOperator(alice.Local));
        Assert.Null(OperatorCredential.IfOperator(client.Local)); // a reader's certificate signs nothing

        // The silo port takes silos only: a client's or operator's certificate (no server
        // authentication) opens the gateway, never the silo-to-silo port.
        Assert.True(silo1.TrustsSilo(silo2.Local));
        Assert.False(silo1.TrustsSilo(client.Local));
        Assert.False(silo1.TrustsSilo(alice.Local));
        Assert.True(silo1.Trusts(alice.Local));

        // Run again (a restart): the set is kept, so running silos keep trusting each other.
        var ca = File.ReadAllText(P("ca.crt"));
        Assert.Empty(DevCertificates.Write(dir.Path, ["silo1", "silo2"], ["client"], TimeSpan.FromDays(30), ["alice"]));
        Assert.Equal(ca, File.ReadAllText(P("ca.crt")));

        // Another CA's certificate is not trusted.
        using var other = new TempDirectory("dev-certs-other");
        DevCertificates.Write(other.Path, ["silo1"], [], TimeSpan.FromDays(1));
        var stranger = TransportCertificates.Load(
            Path.Combine(other.Path, "silo1.crt"),
            Path.Combine(other.Path, "silo1.key"),
            Path.Combine(other.Path, "ca.crt")
        );
        Assert.False(silo1.Trusts(stranger.Local));
        Assert.False(silo1.TrustsSilo(stranger.Local));
        Assert.Contains(
            "names must be",
            Assert.Throws<ArgumentException>(() => DevCertificates.Write(other.Path, ["silo 1"], [], TimeSpan.FromDays(1))).Message
        );
    }

    /// <summary>
    /// The silo port asks for the silo unit too: a server certificate of the same CA made for
    /// something else (OU=web) is not a silo; with the unit check off (a CA of silos only) the
    /// server-authentication EKU is what counts.
    /// </summary>
    [Fact]
    public void TheSiloPortTakesServerCertificatesNamingTheSiloUnitOnly()
    {
        using var dir = new TempDirectory("silo-unit");
        var now = DateTimeOffset.UtcNow;
        using var caKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var caRequest = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=test CA",
            caKey,
            System.Security.Cryptography.HashAlgorithmName.SHA256
        );
        caRequest.CertificateExtensions.Add(
            new System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension(true, false, 0, true)
        );
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        File.WriteAllText(Path.Combine(dir.Path, "ca.crt"), ca.ExportCertificatePem());
        string Issue(string name, string unit)
        {
            using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
                $"CN={name}, OU={unit}",
                key,
                System.Security.Cryptography.HashAlgorithmName.SHA256
            );
            request.CertificateExtensions.Add(
                new System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension(
                    [new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1"), new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2")],
                    false
                )
            );
            using var leaf = request.Create(ca, now.AddMinutes(-5), now.AddDays(1), [1, 2, 3, (byte)name.Length]);
            File.WriteAllText(Path.Combine(dir.Path, $"{name}.crt"), leaf.ExportCertificatePem());
            File.WriteAllText(Path.Combine(dir.Path, $"{name}.key"), key.ExportPkcs8PrivateKeyPem());
            return name;
        }

        string P(string file) => Path.Combine(dir.Path, file);
        Issue("silo1", "silo");
        Issue("web", "web");
        var silo = TransportCertificates.Load(P("silo1.crt"), P("silo1.key"), P("ca.crt"));
        var web = TransportCertificates.Load(P("web.crt"), P("web.key"), P("ca.crt"));
        Assert.True(silo.TrustsSilo(silo.Local));
        Assert.False(silo.TrustsSilo(web.Local));
        Assert.True(silo.Trusts(web.Local)); // the gateway still takes it as a client would be taken
        var anyServer = TransportCertificates.Load(P("silo1.crt"), P("silo1.key"), P("ca.crt"), siloUnit: null);
        Assert.True(anyServer.TrustsSilo(web.Local));
    }
}
