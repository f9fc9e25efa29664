using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Hosting;

/// <summary>
/// TLS between silos and from clients (Microsoft.Orleans.Connections.Security) with certificates of a
/// throwaway CA made here: two silos form a cluster over TLS, a client with a certificate of that CA
/// is served, a client without one — or with one from another CA — is refused, and the Kubernetes
/// profile refuses to start without certificates.
/// </summary>
public sealed class TransportSecurityTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task SilosAndClientsTalkTlsAndAClientWithoutAValidCertificateIsRefused()
    {
        using var dir = new TempDirectory("tls");
        var ca = ThrowawayCa.Create("Orleans.Betting test CA");
        var stranger = ThrowawayCa.Create("Someone else's CA");
        var (caPem, _) = ca.Write(dir.Path, "ca");
        var silo = ca.Issue("silo", dir.Path);
        var client = ca.Issue("client", dir.Path);
        var rogue = stranger.Issue("rogue", dir.Path);

        var env = SiloProcess.ClusterEnvironment(
            await TestPostgres.CreateDatabaseAsync("tls"),
            new Dictionary<string, string>
            {
                ["Orleans__Tls__CertificatePath"] = silo.Certificate,
                ["Orleans__Tls__KeyPath"] = silo.Key,
                ["Orleans__Tls__CaPath"] = caPem,
            }
        );
        using var dataA = new TempDirectory("tls-a");
        using var dataB = new TempDirectory("tls-b");
        await using var a = SiloProcess.Start(dataA.Path, env, ["--profile", "Cluster"]);
        await using var b = SiloProcess.Start(dataB.Path, env, ["--profile", "Cluster"]);
        await Task.WhenAll(a.WaitReadyAsync(TimeSpan.FromSeconds(90)), b.WaitReadyAsync(TimeSpan.FromSeconds(90)));

        // With a certificate of our CA: served, and both silos (talking TLS to each other) are Active.
        string[] tlsArgs = ["--tls-cert", client.Certificate, "--tls-key", client.Key, "--tls-ca", caPem];
        await Eventually.WaitAsync(
            async () =>
            {
                var status = await ClientProcess.RunAsync(["status", "--json", "--gateway", a.Gateway, .. tlsArgs]);
                return status.ExitCode == 0
                    && JsonDocument
                        .Parse(status.StandardOutput)
                        .RootElement.GetProperty("members")
                        .EnumerateArray()
                        .Count(m => m.GetProperty("status").GetString() == "Active") == 2;
            },
            TimeSpan.FromSeconds(60)
        );

        // Without a certificate, or with a stranger's: refused at the handshake.
        var plain = await ClientProcess.RunAsync(["status", "--gateway", a.Gateway, "--connect-timeout", "5"]);
        Assert.Equal(3, plain.ExitCode);
        var wrong = await ClientProcess.RunAsync([
            "status",
            "--gateway",
            b.Gateway,
            "--connect-timeout",
            "5",
            "--tls-cert",
            rogue.Certificate,
            "--tls-key",
            rogue.Key,
            "--tls-ca",
            caPem,
        ]);
        Assert.Equal(3, wrong.ExitCode);
        output.WriteLine($"refused without a certificate: {plain.StandardError.Trim()}");
        output.WriteLine($"refused with another CA's certificate: {wrong.StandardError.Trim()}");

        // A client that trusts another CA does not accept our silos either.
        var (strangerPem, _) = stranger.Write(dir.Path, "stranger-ca");
        var distrust = await ClientProcess.RunAsync([
            "status",
            "--gateway",
            a.Gateway,
            "--connect-timeout",
            "5",
            "--tls-cert",
            rogue.Certificate,
            "--tls-key",
            rogue.Key,
            "--tls-ca",
            strangerPem,
        ]);
        Assert.Equal(3, distrust.ExitCode);
    }

    [Fact]
    public async Task TheKubernetesProfileRequiresCertificates()
    {
        using var data = new TempDirectory("tls-k8s");
        await using var silo = SiloProcess.Start(
            data.Path,
            new Dictionary<string, string>
            {
                ["ConnectionStrings__Betting"] = "Host=127.0.0.1;Port=1;Username=x;Database=x",
                ["Betting__Dashboard__Username"] = "ops",
                ["Betting__Dashboard__Password"] = "s3cret",
            },
            ["--profile", "Kubernetes"]
        );
        Assert.Equal(2, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Orleans:Tls:CertificatePath: the Kubernetes profile requires TLS here", silo.Output);
    }

    /// <summary>
    /// A Cluster silo whose listeners other machines can reach (every interface here; a non-loopback
    /// advertised address likewise) refuses to start without certificates, unless told TLS is not required.
    /// </summary>
    [Fact]
    public async Task AClusterSiloReachableBeyondLoopbackRequiresCertificatesUnlessToldOtherwise()
    {
        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__Betting"] = $"Host=127.0.0.1;Port={FreePorts.Next()};Username=x;Database=x;Timeout=3",
            ["Betting__Dashboard__Username"] = "ops",
            ["Betting__Dashboard__Password"] = "s3cret",
        };
        using (var data = new TempDirectory("tls-open"))
        {
            await using var silo = SiloProcess.Start(data.Path, env, ["--profile", "Cluster", "--Orleans:ListenOnAllInterfaces=true"]);
            Assert.Equal(2, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains(
                "Orleans:Tls:CertificatePath: the Cluster profile requires TLS here (Orleans:ListenOnAllInterfaces is on)",
                silo.Output
            );
        }

        // Told otherwise, it passes the TLS check (and stops at the missing database, exit 3).
        using (var data = new TempDirectory("tls-opt-out"))
        {
            await using var silo = SiloProcess.Start(
                data.Path,
                env,
                ["--profile", "Cluster", "--Orleans:ListenOnAllInterfaces=true", "--Orleans:Tls:Required=false"]
            );
            Assert.Equal(3, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.DoesNotContain("requires TLS", silo.Output);
        }
    }

    /// <summary>A certificate authority made for one test: ECDSA P-256, valid for a day.</summary>
    private sealed class ThrowawayCa
    {
        private readonly X509Certificate2 certificate;

        private ThrowawayCa(X509Certificate2 certificate) => this.certificate = certificate;

        public static ThrowawayCa Create(string name)
        {
            var key = ECDsa.Create(ECCurve.NamedCurves.nistP256); // lives as long as the CA certificate that signs with it
            var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            return new ThrowawayCa(request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1)));
        }

        public (string Certificate, string? Key) Write(string dir, string name)
        {
            var path = Path.Combine(dir, $"{name}.crt");
            File.WriteAllText(path, certificate.ExportCertificatePem());
            return (path, null);
        }

        /// <summary>A leaf for both TLS roles (server and client authentication), for 127.0.0.1; PEM certificate and key files.</summary>
        public (string Certificate, string Key) Issue(string name, string dir)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(
                new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false)
            );
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(System.Net.IPAddress.Loopback);
            san.AddDnsName("localhost");
            request.CertificateExtensions.Add(san.Build());
            using var leaf = request.Create(
                certificate,
                DateTimeOffset.UtcNow.AddMinutes(-5),
                DateTimeOffset.UtcNow.AddHours(12),
                RandomNumberGenerator.GetBytes(12)
            );
            var certPath = Path.Combine(dir, $"{name}.crt");
            var keyPath = Path.Combine(dir, $"{name}.key");
            File.WriteAllText(certPath, leaf.ExportCertificatePem());
            File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
            return (certPath, keyPath);
        }
    }
}
