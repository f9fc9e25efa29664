using System.Text.Json;
using Orleans.Betting.Silo.Security;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Hosting;

/// <summary>
/// TLS between silos and from clients (Microsoft.Orleans.Connections.Security) with certificates of a
/// development CA made here (dev-certs): two silos form a cluster over TLS, a reader's certificate
/// reads and an operator's also acts, a client without one — or with one from another CA — is
/// refused, and the Kubernetes profile refuses to start without certificates.
/// </summary>
[Trait(Tier.Name, Tier.System)]
public sealed class TransportSecurityTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task SilosAndClientsTalkTlsAReaderOnlyReadsAndAClientWithoutAValidCertificateIsRefused()
    {
        using var dir = new TempDirectory("tls");
        using var otherDir = new TempDirectory("tls-other");
        DevCertificates.Write(dir.Path, ["silo"], ["reader"], TimeSpan.FromDays(1), ["alice"]);
        DevCertificates.Write(otherDir.Path, ["silo"], ["rogue"], TimeSpan.FromDays(1));
        string P(string file) => Path.Combine(dir.Path, file);
        var caPem = P("ca.crt");

        var env = SiloProcess.ClusterEnvironment(
            await TestPostgres.CreateDatabaseAsync("tls"),
            new Dictionary<string, string>
            {
                ["Orleans__Tls__CertificatePath"] = P("silo.crt"),
                ["Orleans__Tls__KeyPath"] = P("silo.key"),
                ["Orleans__Tls__CaPath"] = caPem,
                // The agents run (on a replay), so the silos' own calls cross the gate all along.
                ["Betting__Agents__Enabled"] = "true",
            }
        );
        using var dataA = new TempDirectory("tls-a");
        using var dataB = new TempDirectory("tls-b");
        await using var a = SiloProcess.Start(dataA.Path, env, ["--profile", "Cluster"]);
        await using var b = SiloProcess.Start(dataB.Path, env, ["--profile", "Cluster"]);
        await Task.WhenAll(a.WaitReadyAsync(TimeSpan.FromSeconds(90)), b.WaitReadyAsync(TimeSpan.FromSeconds(90)));

        // With a certificate of our CA: served, and both silos (talking TLS to each other) are Active.
        string[] reader = ["--tls-cert", P("reader.crt"), "--tls-key", P("reader.key"), "--tls-ca", caPem];
        string[] alice = ["--tls-cert", P("alice.crt"), "--tls-key", P("alice.key"), "--tls-ca", caPem];
        await Eventually.WaitAsync(
            async () =>
            {
                var status = await ClientProcess.RunAsync(["status", "--json", "--gateway", a.Gateway, .. reader]);
                return status.ExitCode == 0
                    && JsonDocument
                        .Parse(status.StandardOutput)
                        .RootElement.GetProperty("members")
                        .EnumerateArray()
                        .Count(m => m.GetProperty("status").GetString() == "Active") == 2;
            },
            TimeSpan.FromSeconds(60)
        );

        // The agents' own calls (stamped by the silos) pass: the orchestrator ticks.
        await Eventually.WaitAsync(
            async () =>
            {
                var agents = await ClientProcess.RunAsync(["agents", "status", "--json", "--gateway", a.Gateway, .. reader]);
                return agents.ExitCode == 0
                    && JsonDocument
                        .Parse(agents.StandardOutput)
                        .RootElement.GetProperty("agents")
                        .EnumerateArray()
                        .Any(x => x.GetProperty("name").GetString() == "orchestrator" && x.GetProperty("ticks").GetInt64() >= 2);
            },
            TimeSpan.FromSeconds(90),
            async () =>
                (await ClientProcess.RunAsync(["agents", "status", "--json", "--gateway", a.Gateway, .. reader])).StandardOutput
                + "\n--- silo a ---\n"
                + string.Join('\n', a.Output.Split('\n').TakeLast(40))
        );
        // A reader (OU=client) reads but is refused an operator method, with the reason; an operator
        // (OU=operator) is let through. TLS on, so the silos asked for identities without being told.
        var refused = await ClientProcess.RunAsync(["agents", "pause", "orchestrator", "--gateway", a.Gateway, .. reader]);
        output.WriteLine($"reader pausing an agent: exit {refused.ExitCode}: {refused.StandardError.Trim()}");
        Assert.Equal(4, refused.ExitCode);
        Assert.Contains("refused: IAgentGrain.PauseAsync is an operator method", refused.StandardError);
        var paused = await ClientProcess.RunAsync(["agents", "pause", "orchestrator", "--gateway", b.Gateway, .. alice]);
        Assert.True(paused.ExitCode == 0, paused.StandardError);
        Assert.Contains("orchestrator: Paused", paused.StandardOutput);

        // And no agent was refused anything.
        var final = await ClientProcess.RunAsync(["agents", "status", "--json", "--gateway", a.Gateway, .. reader]);
        Assert.DoesNotContain("operator method", final.StandardOutput);

        // Without a certificate (plaintext), or with a stranger's: refused at the handshake.
        var plain = await ClientProcess.RunAsync(["status", "--gateway", a.Gateway, "--connect-timeout", "5"]);
        Assert.Equal(3, plain.ExitCode);
        string O(string file) => Path.Combine(otherDir.Path, file);
        var wrong = await ClientProcess.RunAsync([
            "status",
            "--gateway",
            b.Gateway,
            "--connect-timeout",
            "5",
            "--tls-cert",
            O("rogue.crt"),
            "--tls-key",
            O("rogue.key"),
            "--tls-ca",
            caPem,
        ]);
        Assert.Equal(3, wrong.ExitCode);
        output.WriteLine($"refused without a certificate: {plain.StandardError.Trim()}");
        output.WriteLine($"refused with another CA's certificate: {wrong.StandardError.Trim()}");

        // A client that trusts another CA does not accept our silos either.
        var distrust = await ClientProcess.RunAsync([
            "status",
            "--gateway",
            a.Gateway,
            "--connect-timeout",
            "5",
            "--tls-cert",
            O("rogue.crt"),
            "--tls-key",
            O("rogue.key"),
            "--tls-ca",
            O("ca.crt"),
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

        // Told TLS is not required, it still asks for operator identities (reachable from other
        // machines): without a CA for operators' certificates it refuses too, saying so.
        using (var data = new TempDirectory("tls-opt-out"))
        {
            await using var silo = SiloProcess.Start(
                data.Path,
                env,
                ["--profile", "Cluster", "--Orleans:ListenOnAllInterfaces=true", "--Orleans:Tls:Required=false"]
            );
            Assert.Equal(2, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("Betting:Security:Operators:CaPath: operator calls need an identity here", silo.Output);
        }

        // Told neither is required, it passes both checks (and stops at the missing database, exit 3).
        using (var data = new TempDirectory("tls-opt-out-both"))
        {
            await using var silo = SiloProcess.Start(
                data.Path,
                env,
                [
                    "--profile",
                    "Cluster",
                    "--Orleans:ListenOnAllInterfaces=true",
                    "--Orleans:Tls:Required=false",
                    "--Betting:Security:Operators:Required=false",
                ]
            );
            Assert.Equal(3, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.DoesNotContain("requires TLS", silo.Output);
        }
    }
}
