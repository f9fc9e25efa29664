using System.Diagnostics;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace Orleans.Betting.Tests.Deployment;

/// <summary>
/// docker/build.sh builds the image on this machine (podman, local base images where no registry is
/// reachable) and a container from it serves: the silo ready on /readyz, as a non-root user on a
/// root filesystem it cannot write; the same image's client and probe work. And the Compose file
/// validates with docker-compose, secrets coming only from the environment.
/// </summary>
[Collection(MachineWideCollection.Name)]
[Trait(Tier.Name, Tier.System)]
public sealed class ContainerTests(BuiltImage image, ITestOutputHelper output) : IClassFixture<BuiltImage>
{
    private const string Tag = BuiltImage.Tag;

    [Fact]
    public async Task TheImageBuildsAndAContainerFromItServesAsNonRoot()
    {
        image.AssertBuilt();
        output.WriteLine($"docker/build.sh: {image.Took.TotalSeconds:F0} s; {image.Summary}");

        var http = FreePorts.Next();
        var gateway = FreePorts.Next();
        var run = await Podman([
            "run",
            "-d",
            "--network",
            "host",
            "--tmpfs",
            "/data:rw,mode=1777",
            Tag,
            "silo",
            "--urls",
            $"http://127.0.0.1:{http}",
            $"--Orleans:SiloPort={FreePorts.Next()}",
            $"--Orleans:GatewayPort={gateway}",
            "--Betting:MainJob:Enabled=false",
        ]);
        Assert.True(run.Code == 0, run.Stderr);
        var container = run.Stdout.Trim();
        try
        {
            var started = Stopwatch.StartNew();
            await WaitReadyAsync(http, async () => (await Podman(["logs", container])).Stdout);
            output.WriteLine($"container ready in {started.Elapsed.TotalSeconds:F1} s");

            Assert.Equal("10001", (await Podman(["exec", container, "id", "-u"])).Stdout.Trim());
            var write = await Podman(["exec", container, "sh", "-c", "touch /app/written"]);
            Assert.NotEqual(0, write.Code);
            Assert.Contains("Permission denied", write.Stderr + write.Stdout);
            var probe = await Podman(["exec", container, "/bin/sh", "/app/entrypoint.sh", "probe", $"http://127.0.0.1:{http}/readyz"]);
            Assert.True(probe.Code == 0, probe.Stderr);

            // The image's own default (Embedded on http://0.0.0.0:8080, no credentials) would serve the dashboard,
            // its log stream and /metrics to anyone: it refuses to start, saying what to set.
            var open = await Podman(["run", "--rm", "--network", "host", "--tmpfs", "/data:rw,mode=1777", Tag, "silo"]);
            Assert.Equal(2, open.Code);
            Assert.Contains("Betting:Dashboard:Username", open.Stderr + open.Stdout);

            var status = await Podman([
                "run",
                "--rm",
                "--network",
                "host",
                Tag,
                "client",
                "status",
                "--json",
                "--gateway",
                $"127.0.0.1:{gateway}",
            ]);
            Assert.True(status.Code == 0, status.Stderr);
            Assert.Contains("\"status\": \"Active\"", status.Stdout);

            var inspect = await Podman([
                "image",
                "inspect",
                Tag,
                "--format",
                "{{.Size}} {{.Config.User}} {{index .Config.Labels \"org.opencontainers.image.title\"}}",
            ]);
            var parts = inspect.Stdout.Trim().Split(' ');
            output.WriteLine(
                $"image {Tag}: {long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) / 1_000_000} MB, user {parts[1]}, title {parts[2]}"
            );
            Assert.Equal("10001:10001", parts[1]);
            Assert.Equal("orleans-betting", parts[2]);
        }
        finally
        {
            await Podman(["rm", "-f", container]);
        }
    }

    [Fact]
    public async Task TheComposeFileValidatesAndTakesSecretsOnlyFromTheEnvironment()
    {
        var file = Path.Combine(RepoPaths.Root, "docker", "compose.yaml");
        var missing = await ExternalProcess.RunAsync("docker-compose", ["-f", file, "config"], TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, missing.Code);
        Assert.Contains("set POSTGRES_PASSWORD", missing.Stderr + missing.Stdout);

        var config = await ExternalProcess.RunAsync(
            "docker-compose",
            ["-f", file, "config"],
            TimeSpan.FromSeconds(60),
            environment: new Dictionary<string, string>
            {
                ["POSTGRES_PASSWORD"] = "pw-from-env",
                ["MIGRATION_PASSWORD"] = "owner-pw-from-env",
                ["APP_DB_PASSWORD"] = "app-pw-from-env",
                ["DASHBOARD_PASSWORD"] = "dash-from-env",
            }
        );
        Assert.True(config.Code == 0, config.Stderr);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(config.Stdout));
        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
        string[] silos = ["silo1", "silo2", "silo3"];
        Assert.Equal(["certs", "client", "migrate", "postgres", .. silos], services.Children.Keys.Select(k => k.ToString()).Order());
        foreach (var name in silos)
        {
            var silo = (YamlMappingNode)services[name];
            var env = (YamlMappingNode)silo["environment"];
            Assert.Equal("Cluster", env["Betting__Profile"].ToString());
            Assert.Equal(name, env["Orleans__AdvertisedIP"].ToString());
            // The silos run as the role that writes rows only; the migration as the schema's owner.
            Assert.Contains("Username=betting_app;Password=app-pw-from-env", env["ConnectionStrings__Betting"].ToString());
            var dependsOn = (YamlMappingNode)silo["depends_on"];
            Assert.Equal("service_healthy", ((YamlMappingNode)dependsOn["postgres"])["condition"].ToString());
            Assert.Equal("service_completed_successfully", ((YamlMappingNode)dependsOn["migrate"])["condition"].ToString());
            // Mutual TLS on the Compose network: each silo its own certificate of the development CA.
            Assert.Equal("service_completed_successfully", ((YamlMappingNode)dependsOn["certs"])["condition"].ToString());
            Assert.Equal($"/certs/{name}.crt", env["Orleans__Tls__CertificatePath"].ToString());
            Assert.Equal($"/certs/{name}.key", env["Orleans__Tls__KeyPath"].ToString());
            Assert.Equal("/certs/ca.crt", env["Orleans__Tls__CaPath"].ToString());
            Assert.Contains("/readyz", string.Join(' ', ((YamlSequenceNode)((YamlMappingNode)silo["healthcheck"])["test"]).Children));
            Assert.Equal([$"certs-{name}:/certs:ro"], Mounts(silo)); // its own key only
        }

        Assert.Equal("migrate", ((YamlSequenceNode)((YamlMappingNode)services["migrate"])["command"]).Children.Single().ToString());
        var migrateEnv = (YamlMappingNode)((YamlMappingNode)services["migrate"])["environment"];
        Assert.Contains("Username=betting_owner;Password=owner-pw-from-env", migrateEnv["ConnectionStrings__Betting"].ToString());
        Assert.Equal("betting_app", migrateEnv["Betting__Database__RuntimeRole"].ToString());
        var certs = (YamlMappingNode)services["certs"];
        var script = ((YamlSequenceNode)certs["command"]).Children.Single().ToString().Replace("$$", "$", StringComparison.Ordinal);
        Assert.Contains("dev-certs --out /certs --silos silo1,silo2,silo3 --clients reader --operators operator", script);
        Assert.Contains("chmod 0600 \"/issued/$name/$name.key\"", script); // $$ in the file: Compose's escape, kept or not by its config
        Assert.Equal(
            [
                "certs-operator:/issued/operator",
                "certs-silo1:/issued/silo1",
                "certs-silo2:/issued/silo2",
                "certs-silo3:/issued/silo3",
                "certs:/certs",
            ],
            Mounts(certs).Order(StringComparer.Ordinal)
        );
        var client = (YamlMappingNode)services["client"];
        var clientEnv = (YamlMappingNode)client["environment"];
        Assert.Equal("/certs/operator.crt", clientEnv["BETTING_TLS_CERT"].ToString());
        Assert.Equal(["certs-operator:/certs:ro"], Mounts(client));
        // No service but the job that makes them mounts the volume holding every key.
        Assert.Equal(
            ["certs"],
            services
                .Children.Where(s => Mounts((YamlMappingNode)s.Value).Any(m => m.StartsWith("certs:", StringComparison.Ordinal)))
                .Select(s => s.Key.ToString())
        );
        Assert.DoesNotContain("pw-from-env", await File.ReadAllTextAsync(file));
        Assert.DoesNotContain("PASSWORD '", await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "docker", "postgres-roles.sh")));
    }

    /// <summary>
    /// The Compose certificate job, run from the image as Compose would (its script read from the
    /// Compose file, named volumes of its own): each service's volume holds the CA, that service's
    /// certificate and its key — readable by the image's user, the key 0600 — and no other key.
    /// </summary>
    [Fact]
    public async Task TheComposeCertificateJobGivesEachServiceItsOwnKeyOnly()
    {
        image.AssertBuilt();
        var yaml = new YamlStream();
        yaml.Load(new StringReader(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "docker", "compose.yaml"))));
        var certs = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"])["certs"];
        var script = ((YamlSequenceNode)certs["command"]).Children.Single().ToString().Replace("$$", "$", StringComparison.Ordinal);
        var prefix = $"betting-test-{Guid.NewGuid():N}"[..24];
        string[] services = ["silo1", "silo2", "silo3", "operator"];
        string Volume(string name) => $"{prefix}-{name}";
        try
        {
            var job = await Podman([
                "run",
                "--rm",
                "--user",
                "0:0",
                "--entrypoint",
                "/bin/sh",
                "-v",
                $"{Volume("all")}:/certs",
                .. services.SelectMany(s => new[] { "-v", $"{Volume(s)}:/issued/{s}" }),
                Tag,
                "-c",
                script,
            ]);
            Assert.True(job.Code == 0, job.Stderr + job.Stdout);
            foreach (var service in services)
            {
                // As the silos and the client run: the image's user, the volume read-only at /certs.
                var listing = await Podman([
                    "run",
                    "--rm",
                    "--entrypoint",
                    "/bin/sh",
                    "-v",
                    $"{Volume(service)}:/certs:ro",
                    Tag,
                    "-c",
                    "id -u; stat -c '%n %a %u' /certs/*; head -c 27 /certs/*.key",
                ]);
                Assert.True(listing.Code == 0, listing.Stderr);
                output.WriteLine($"{service}: {listing.Stdout.Replace('\n', ' ')}");
                var lines = listing.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal("10001", lines[0]);
                Assert.Equal(
                    [$"/certs/ca.crt 644 10001", $"/certs/{service}.crt 644 10001", $"/certs/{service}.key 600 10001"],
                    lines.Skip(1).Take(3).Order()
                );
                Assert.Contains("-----BEGIN PRIVATE KEY-----", listing.Stdout); // its own key, readable by the service
            }
        }
        finally
        {
            foreach (var name in services.Append("all"))
            {
                await Podman(["volume", "rm", "-f", Volume(name)]);
            }
        }
    }

    /// <summary>A service's volume mounts as "source:target[:ro]" (docker-compose config writes them long-form).</summary>
    private static List<string> Mounts(YamlMappingNode service)
    {
        if (!service.Children.TryGetValue(new YamlScalarNode("volumes"), out var node))
        {
            return [];
        }

        return ((YamlSequenceNode)node)
            .Children.Select(v =>
                v is YamlMappingNode m
                    ? $"{m["source"]}:{m["target"]}{(m.Children.TryGetValue(new YamlScalarNode("read_only"), out var ro) && ro.ToString() == "true" ? ":ro" : "")}"
                : v.ToString() is var text && text.EndsWith(":rw", StringComparison.Ordinal) ? text[..^3]
                : v.ToString()
            )
            .ToList();
    }

    /// <summary>
    /// The production profile from the image: containers (host network) migrate a PostgreSQL database
    /// and form one Cluster on it; one is killed (SIGKILL), the other declares it dead; started again,
    /// it rejoins as a new incarnation. Then a rolling restart of the containers fails no client call.
    /// </summary>
    [PostgresFact]
    public async Task ContainersFormAClusterOnPostgresSurviveAKillAndRollWithoutAFailedCall()
    {
        image.AssertBuilt();
        // Secrets reach the containers from the podman process's environment (`-e NAME`), never its command line.
        var secrets = new Dictionary<string, string>
        {
            ["ConnectionStrings__Betting"] = await TestPostgres.CreateDatabaseAsync("containers"),
            ["Betting__Dashboard__Password"] = "s3cret",
        };
        string[] settings =
        [
            "-e",
            "ConnectionStrings__Betting",
            "-e",
            "Betting__Dashboard__Password",
            "-e",
            "Betting__Dashboard__Username=ops",
            "-e",
            "Betting__Profile=Cluster",
            "-e",
            "Orleans__ClusterId=containers",
            "-e",
            "Orleans__AdvertisedIP=127.0.0.1",
            "-e",
            "Orleans__Membership__ProbeTimeout=00:00:01",
            "-e",
            "Orleans__Membership__NumMissedProbesLimit=2",
            "-e",
            "Orleans__Membership__NumVotesForDeathDeclaration=1",
            "-e",
            "Orleans__Membership__TableRefreshTimeout=00:00:02",
        ];

        var migrate = await Podman(["run", "--rm", "--network", "host", .. settings, Tag, "migrate"], secrets);
        Assert.True(migrate.Code == 0, migrate.Stderr + migrate.Stdout);

        var silos = Enumerable
            .Range(0, 2)
            .Select(_ => (Http: FreePorts.Next(), Silo: FreePorts.Next(), Gateway: FreePorts.Next()))
            .ToList();
        var names = new List<string>();
        try
        {
            foreach (var (httpPort, siloPort, gatewayPort) in silos)
            {
                var run = await Podman(
                    [
                        "run",
                        "-d",
                        "--network",
                        "host",
                        .. settings,
                        Tag,
                        "silo",
                        "--urls",
                        $"http://127.0.0.1:{httpPort}",
                        $"--Orleans:SiloPort={siloPort}",
                        $"--Orleans:GatewayPort={gatewayPort}",
                    ],
                    secrets
                );
                Assert.True(run.Code == 0, run.Stderr);
                names.Add(run.Stdout.Trim());
            }

            var gateway = $"127.0.0.1:{silos[0].Gateway}";
            await Eventually.WaitAsync(
                async () => (await MembersAsync(gateway)).Count(m => m.Status == "Active") == 2,
                TimeSpan.FromSeconds(90),
                async () =>
                    string.Join("\n", await Task.WhenAll(names.Select(async n => (await Podman(["logs", "--tail", "20", n])).Stderr)))
            );

            var killed = Stopwatch.StartNew();
            Assert.Equal(0, (await Podman(["kill", "--signal", "KILL", names[1]])).Code);
            await Eventually.WaitAsync(
                async () => (await MembersAsync(gateway)).Any(m => m.Port == silos[1].Silo && m.Status == "Dead"),
                TimeSpan.FromSeconds(120),
                async () =>
                {
                    var status = await ClientProcess.StatusAsync(gateway, "containers");
                    var survivor = await Podman(["logs", "--tail", "30", names[0]]);
                    return $"status exit {status.ExitCode}: {status.StandardOutput}{status.StandardError}\nsurvivor's log:\n{survivor.Stdout}{survivor.Stderr}";
                }
            );
            var declared = killed.Elapsed;

            Assert.Equal(0, (await Podman(["start", names[1]])).Code);
            await Eventually.WaitAsync(
                async () => (await MembersAsync(gateway)).Count(m => m.Status == "Active") == 2,
                TimeSpan.FromSeconds(90)
            );
            var members = await MembersAsync(gateway);
            output.WriteLine(
                $"killed container declared dead after {declared.TotalSeconds:F1} s; restarted, the cluster has {string.Join(", ", members.Select(m => $"{m.Port} {m.Status}"))}"
            );
            Assert.Equal(2, members.Count(m => m.Port == silos[1].Silo)); // the dead incarnation and the new one

            // A rolling restart of the containers (SIGTERM, a graceful leave, then start and wait for
            // readiness), one at a time, while a client calls the cluster throughout: no call fails.
            await using var caller = await ClusterCaller.StartAsync(
                string.Join(',', silos.Select(s => $"127.0.0.1:{s.Gateway}")),
                clusterId: "containers"
            );
            var rolling = Stopwatch.StartNew();
            for (var i = 0; i < names.Count; i++)
            {
                var stop = await Podman(["stop", "--time", "60", names[i]]);
                Assert.True(stop.Code == 0, stop.Stderr);
                Assert.Equal("0", (await Podman(["inspect", names[i], "--format", "{{.State.ExitCode}}"])).Stdout.Trim()); // left gracefully
                Assert.Equal(0, (await Podman(["start", names[i]])).Code);
                await WaitReadyAsync(silos[i].Http);
                var other = $"127.0.0.1:{silos[(i + 1) % silos.Count].Gateway}";
                await Eventually.WaitAsync(
                    async () => (await MembersAsync(other)).Count(m => m.Status == "Active") == 2,
                    TimeSpan.FromSeconds(90)
                );
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
            var calls = await caller.StopAsync();
            output.WriteLine(
                $"rolling restart of {names.Count} containers in {rolling.Elapsed.TotalSeconds:F0} s: {calls.Count(c => c.Ok)} calls ok, "
                    + $"{calls.Count(c => !c.Ok)} failed, {calls.Sum(c => c.Retries)} retried{string.Concat(calls.Where(c => !c.Ok).Take(3).Select(c => $"; {c.Error}"))}"
            );
            Assert.Equal(0, calls.Count(c => !c.Ok));
            Assert.True(calls.Count > 50, $"{calls.Count} calls");
        }
        finally
        {
            foreach (var name in names)
            {
                await Podman(["rm", "-f", name]);
            }
        }
    }

    private static Task<List<(int Port, string Status)>> MembersAsync(string gateway) => ClientProcess.MembersAsync(gateway, "containers");

    private static async Task WaitReadyAsync(int httpPort, Func<Task<string>>? describe = null)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        await Eventually.WaitAsync(
            () => SiloProcess.ReadyAsync(client, $"http://127.0.0.1:{httpPort}"),
            TimeSpan.FromSeconds(90),
            describe
        );
    }

    private static Task<(int Code, string Stdout, string Stderr)> Podman(
        IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null
    ) =>
        ExternalProcess.RunAsync(
            "podman",
            args,
            TimeSpan.FromMinutes(2),
            environment: new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
            {
                // The private containers.conf docker/build.sh writes (runc, cgroupfs, ulimits that this machine allows).
                ["CONTAINERS_CONF"] = BuiltImage.ContainersConf,
            }
        );
}

/// <summary>docker/build.sh, run once for the container tests (minutes from nothing, about one with the base images cached).</summary>
public sealed class BuiltImage : IAsyncLifetime
{
    public const string Tag = "orleans-betting:local";

    public static string ContainersConf { get; } =
        Path.Combine(
            Environment.GetEnvironmentVariable("XDG_CACHE_HOME")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
            "orleans-betting",
            "containers.conf"
        );

    private (int Code, string Stdout, string Stderr) build;

    public TimeSpan Took { get; private set; }

    public string Summary => build.Stdout.Split('\n').LastOrDefault(l => l.Contains("built ", StringComparison.Ordinal)) ?? "";

    /// <summary>
    /// Set by tests/run.sh, which starts docker/build.sh beside the solution's build (the image is built from
    /// the sources, not from that build): the path prefix of its log (<c>.log</c>) and exit code (<c>.exit</c>).
    /// </summary>
    public const string PrebuiltVariable = "BETTING_IMAGE_BUILD";

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        if (Environment.GetEnvironmentVariable(PrebuiltVariable) is { Length: > 0 } prefix)
        {
            // Waits for the build started before the tests (it normally ended minutes ago).
            while (!File.Exists(prefix + ".exit") && clock.Elapsed < TimeSpan.FromMinutes(20))
            {
                await Task.Delay(1000);
            }

            var code = File.Exists(prefix + ".exit") && int.TryParse(File.ReadAllText(prefix + ".exit").Trim(), out var c) ? c : -1;
            var log = File.Exists(prefix + ".log") ? await File.ReadAllTextAsync(prefix + ".log") : "";
            build = (code, log, code == -1 ? $"the image build started by tests/run.sh did not finish ({prefix}.exit)" : "");
            Took = TimeSpan.FromSeconds(
                double.TryParse(
                    log.Split('\n').LastOrDefault(l => l.StartsWith("took ", StringComparison.Ordinal))?[5..].TrimEnd('s', ' '),
                    System.Globalization.CultureInfo.InvariantCulture,
                    out var took
                )
                    ? took
                    : 0
            );
            return;
        }

        build = await ExternalProcess.RunAsync("bash", [Path.Combine(RepoPaths.Root, "docker", "build.sh")], TimeSpan.FromMinutes(20));
        Took = clock.Elapsed;
    }

    public void AssertBuilt() =>
        Assert.True(build.Code == 0, $"docker/build.sh failed:\n{build.Stdout[^Math.Min(4000, build.Stdout.Length)..]}\n{build.Stderr}");

    public Task DisposeAsync() => Task.CompletedTask;
}
