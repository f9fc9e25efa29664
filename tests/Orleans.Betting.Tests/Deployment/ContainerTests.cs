using System.Diagnostics;
using System.Net;
using Orleans.Betting.Tests.Infrastructure;
using Xunit;
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
public sealed class ContainerTests(ITestOutputHelper output)
{
    private const string Tag = "orleans-betting:local";

    [Fact]
    public async Task TheImageBuildsAndAContainerFromItServesAsNonRoot()
    {
        var clock = Stopwatch.StartNew();
        var build = await ExternalProcess.RunAsync("bash", [Path.Combine(RepoPaths.Root, "docker", "build.sh")], TimeSpan.FromMinutes(20));
        Assert.True(build.Code == 0, $"docker/build.sh failed:\n{build.Stdout[^Math.Min(4000, build.Stdout.Length)..]}\n{build.Stderr}");
        output.WriteLine($"docker/build.sh: {clock.Elapsed.TotalSeconds:F0} s; {build.Stdout.Split('\n').LastOrDefault(l => l.Contains("built ", StringComparison.Ordinal))}");

        var http = FreePorts.Next();
        var gateway = FreePorts.Next();
        var run = await Podman(["run", "-d", "--network", "host", "--tmpfs", "/data:rw,mode=1777", Tag, "silo", "--urls", $"http://127.0.0.1:{http}",
            $"--Orleans:SiloPort={FreePorts.Next()}", $"--Orleans:GatewayPort={gateway}", "--Betting:MainJob:Enabled=false"]);
        Assert.True(run.Code == 0, run.Stderr);
        var container = run.Stdout.Trim();
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
            var started = Stopwatch.StartNew();
            await Eventually.WaitAsync(async () =>
            {
                try
                {
                    return (await client.GetAsync($"http://127.0.0.1:{http}/readyz")).StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, TimeSpan.FromSeconds(60), async () => (await Podman(["logs", container])).Stdout);
            output.WriteLine($"container ready in {started.Elapsed.TotalSeconds:F1} s");

            Assert.Equal("10001", (await Podman(["exec", container, "id", "-u"])).Stdout.Trim());
            var write = await Podman(["exec", container, "sh", "-c", "touch /app/written"]);
            Assert.NotEqual(0, write.Code);
            Assert.Contains("Permission denied", write.Stderr + write.Stdout);
            var probe = await Podman(["exec", container, "/bin/sh", "/app/entrypoint.sh", "probe", $"http://127.0.0.1:{http}/readyz"]);
            Assert.True(probe.Code == 0, probe.Stderr);

            var status = await Podman(["run", "--rm", "--network", "host", Tag, "client", "status", "--json", "--gateway", $"127.0.0.1:{gateway}"]);
            Assert.True(status.Code == 0, status.Stderr);
            Assert.Contains("\"status\": \"Active\"", status.Stdout);

            var inspect = await Podman(["image", "inspect", Tag, "--format", "{{.Size}} {{.Config.User}} {{index .Config.Labels \"org.opencontainers.image.title\"}}"]);
            var parts = inspect.Stdout.Trim().Split(' ');
            output.WriteLine($"image {Tag}: {long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) / 1_000_000} MB, user {parts[1]}, title {parts[2]}");
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

        var config = await ExternalProcess.RunAsync("docker-compose", ["-f", file, "config"], TimeSpan.FromSeconds(60),
            environment: new Dictionary<string, string> { ["POSTGRES_PASSWORD"] = "pw-from-env", ["DASHBOARD_PASSWORD"] = "dash-from-env" });
        Assert.True(config.Code == 0, config.Stderr);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(config.Stdout));
        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
        string[] silos = ["silo1", "silo2", "silo3"];
        Assert.Equal(["client", "migrate", "postgres", .. silos], services.Children.Keys.Select(k => k.ToString()).Order());
        foreach (var name in silos)
        {
            var silo = (YamlMappingNode)services[name];
            var env = (YamlMappingNode)silo["environment"];
            Assert.Equal("Cluster", env["Betting__Profile"].ToString());
            Assert.Equal(name, env["Orleans__AdvertisedIP"].ToString());
            Assert.Contains("Password=pw-from-env", env["ConnectionStrings__Betting"].ToString());
            var dependsOn = (YamlMappingNode)silo["depends_on"];
            Assert.Equal("service_healthy", ((YamlMappingNode)dependsOn["postgres"])["condition"].ToString());
            Assert.Equal("service_completed_successfully", ((YamlMappingNode)dependsOn["migrate"])["condition"].ToString());
            Assert.Contains("/readyz", string.Join(' ', ((YamlSequenceNode)((YamlMappingNode)silo["healthcheck"])["test"]).Children));
        }

        Assert.Equal("migrate", ((YamlSequenceNode)((YamlMappingNode)services["migrate"])["command"]).Children.Single().ToString());
        Assert.DoesNotContain("pw-from-env", await File.ReadAllTextAsync(file));
    }

    private static Task<(int Code, string Stdout, string Stderr)> Podman(IEnumerable<string> args) =>
        ExternalProcess.RunAsync("podman", args, TimeSpan.FromMinutes(2), environment: new Dictionary<string, string>
        {
            // The private containers.conf docker/build.sh writes (runc, cgroupfs, ulimits that this machine allows).
            ["CONTAINERS_CONF"] = Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
                "orleans-betting", "containers.conf"),
        });
}
