using System.Diagnostics;
using System.Text;

namespace Orleans.Betting.Tests.Infrastructure;

/// <summary>A real silo process (the built Orleans.Betting.Silo.dll) on loopback ports of its own.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private SiloProcess(Process process, int httpPort, int siloPort, int gatewayPort, string dataDir)
    {
        this.process = process;
        HttpPort = httpPort;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        DataDir = dataDir;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int HttpPort { get; }
    public int SiloPort { get; }
    public int GatewayPort { get; }
    public string DataDir { get; }
    public string BaseUrl => $"http://127.0.0.1:{HttpPort}";
    public string Gateway => $"127.0.0.1:{GatewayPort}";
    public int Id => process.Id;
    public bool HasExited => process.HasExited;
    public int ExitCode => process.ExitCode;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Failure detection tuned for tests that kill a silo: one that stops answering probes is declared dead within seconds.</summary>
    public static IReadOnlyDictionary<string, string> FastFailureDetection { get; } =
        new Dictionary<string, string>
        {
            ["Orleans__Membership__ProbeTimeout"] = "00:00:01",
            ["Orleans__Membership__NumMissedProbesLimit"] = "2",
            ["Orleans__Membership__NumVotesForDeathDeclaration"] = "2",
            ["Orleans__Membership__TableRefreshTimeout"] = "00:00:02",
        };

    /// <remarks><c>profileDefaults</c>: run with the profile's own defaults (a Cluster then runs the agents on the live market).</remarks>
    /// <summary>What every Cluster-profile silo process of the tests needs: the database, dashboard credentials, a loopback address; plus the test's own settings.</summary>
    public static Dictionary<string, string> ClusterEnvironment(
        string connectionString,
        IReadOnlyDictionary<string, string>? settings = null
    )
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Betting"] = connectionString,
            ["Betting__Dashboard__Username"] = "ops",
            ["Betting__Dashboard__Password"] = "s3cret",
            ["Orleans__AdvertisedIP"] = "127.0.0.1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return environment;
    }

    public static SiloProcess Start(
        string dataDir,
        IDictionary<string, string>? environment = null,
        IEnumerable<string>? extraArgs = null,
        int? httpPort = null,
        int? siloPort = null,
        int? gatewayPort = null,
        string? verb = null,
        bool profileDefaults = false
    )
    {
        var http = httpPort ?? FreePorts.Next();
        var silo = siloPort ?? FreePorts.Next();
        var gateway = gatewayPort ?? FreePorts.Next();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(RepoPaths.SiloDll);
        if (verb is not null)
        {
            info.ArgumentList.Add(verb);
        }

        foreach (
            var arg in new[]
            {
                "--data-dir",
                dataDir,
                "--urls",
                $"http://127.0.0.1:{http}",
                $"--Orleans:SiloPort={silo}",
                $"--Orleans:GatewayPort={gateway}",
            }
                .Concat(extraArgs ?? [])
                .Concat(
                    extraArgs?.Any(a => a.StartsWith("--Betting:MainJob", StringComparison.Ordinal)) == true || verb is not null
                        ? []
                        : ["--Betting:MainJob:Enabled=false"]
                )
                // The profiles trade live by default (Cluster runs the agents); these process tests are about hosting and
                // replays unless they say otherwise: agents off, replay source, unless the test sets them.
                .Concat(
                    Mentions(extraArgs, environment, "Betting:Agents:Enabled")
                    || Mentions(extraArgs, environment, "Betting:MainJob:Enabled")
                    || verb is not null
                    || profileDefaults
                        ? []
                        : ["--Betting:Agents:Enabled=false"]
                )
                .Concat(
                    Mentions(extraArgs, environment, "Betting:Market:Source") || verb is not null || profileDefaults
                        ? []
                        : ["--Betting:Market:Source=synthetic"]
                )
        )
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the silo process");
        return new SiloProcess(process, http, silo, gateway, dataDir);
    }

    private static bool Mentions(IEnumerable<string>? args, IDictionary<string, string>? environment, string key) =>
        args?.Any(a => a.StartsWith("--" + key, StringComparison.OrdinalIgnoreCase)) == true
        || environment?.Keys.Any(k =>
            string.Equals(k, key.Replace(":", "__", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase)
        ) == true;

    /// <summary>Waits until /readyz answers 200; fails with the silo's output if it exits or times out.</summary>
    /// <summary>Whether the silo at <paramref name="baseUrl"/> (a process or a container) answers /readyz with 200.</summary>
    public static async Task<bool> ReadyAsync(HttpClient http, string baseUrl)
    {
        try
        {
            using var response = await http.GetAsync($"{baseUrl}/readyz");
            return response.StatusCode == System.Net.HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false; // not listening yet
        }
        catch (TaskCanceledException)
        {
            return false; // slow start on a loaded machine; try again
        }
    }

    public async Task WaitReadyAsync(TimeSpan? timeout = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        while (deadline.Elapsed < limit)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"silo exited with {process.ExitCode} before it was ready:\n{Output}");
            }

            if (await ReadyAsync(http, BaseUrl))
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"silo not ready after {limit.TotalSeconds} s:\n{Output}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    /// <summary>SIGTERM, as Kubernetes and systemd stop a process; waits for a graceful exit.</summary>
    public async Task<int> StopAsync(TimeSpan? timeout = null)
    {
        if (!process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString()]);
            await kill!.WaitForExitAsync();
        }

        return await WaitForExitAsync(timeout ?? TimeSpan.FromSeconds(60));
    }

    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                await StopAsync(TimeSpan.FromSeconds(30));
            }
        }
        catch (Exception)
        {
            Kill();
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
