namespace Orleans.Betting.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server of one test's own (initdb into a temp dir, 127.0.0.1 and a free port), so
/// the test can stop it and start it again without disturbing the shared one tests/run.sh starts.
/// As root, the cluster belongs to the postgres (or nobody) user, as in tests/run.sh.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string bin;
    private readonly string root;
    private readonly string? runAs;

    private PrivatePostgres(string bin, string root, string? runAs, int port)
    {
        this.bin = bin;
        this.root = root;
        this.runAs = runAs;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Timeout=5;Command Timeout=10";

    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin =
            FindBin()
            ?? throw new InvalidOperationException("PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install postgresql");
        var root = Path.Combine(Path.GetTempPath(), $"betting-privpg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        string? runAs = null;
        if (Environment.UserName == "root")
        {
            runAs = (await RunAsync("id", ["-u", "postgres"], null, throwOnError: false)).ExitCode == 0 ? "postgres" : "nobody";
            await RunAsync("chown", [runAs, root], null);
        }

        var pg = new PrivatePostgres(bin, root, runAs, FreePorts.Next());
        await RunAsync(
            Path.Combine(bin, "initdb"),
            ["-D", pg.Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
            runAs
        );
        await pg.StartAgainAsync();
        return pg;
    }

    private string Data => Path.Combine(root, "data");

    public Task StartAgainAsync() =>
        RunAsync(
            Path.Combine(bin, "pg_ctl"),
            [
                "-D",
                Data,
                "-l",
                Path.Combine(root, "postgres.log"),
                "-w",
                "-t",
                "60",
                "-o",
                $"-c listen_addresses=127.0.0.1 -p {Port} -k {root} -c max_connections=200 -c fsync=off -c synchronous_commit=off",
                "start",
            ],
            runAs
        );

    /// <summary>Stops the server at once (fast shutdown: connections are cut).</summary>
    public Task StopAsync() => RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", Data, "-m", "fast", "-w", "stop"], runAs);

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(Data, "postmaster.pid")))
        {
            await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", Data, "-m", "immediate", "-w", "stop"], runAs, throwOnError: false);
        }

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // temp; the OS cleans it
        }
    }

    private static string? FindBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory
                .GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => d, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;

    private static async Task<(int ExitCode, string Output)> RunAsync(
        string file,
        IEnumerable<string> args,
        string? runAs,
        bool throwOnError = true
    )
    {
        var (code, stdout, stderr) = runAs is null
            ? await ExternalProcess.RunAsync(file, args, TimeSpan.FromMinutes(2))
            : await ExternalProcess.RunAsync("runuser", ["-u", runAs, "--", file, .. args], TimeSpan.FromMinutes(2));
        if (throwOnError && code != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {code}: {stdout}{stderr}");
        }

        return (code, stdout + stderr);
    }
}
