using Orleans.Betting.Silo.Storage;

namespace Orleans.Betting.Silo.Hosting;

/// <summary>
/// The silo's commands and their exit codes: 0 ok, 2 bad configuration, 3 database unavailable,
/// 1 anything else at start-up.
/// </summary>
public static class SiloCommands
{
    public const int Ok = 0;
    public const int StartFailed = 1;
    public const int BadConfiguration = 2;
    public const int DatabaseUnavailable = 3;
    public const string DefaultProbeUrl = "http://127.0.0.1:8080/readyz";

    public static bool Is(string[] args, string command) =>
        args.Length > 0 && string.Equals(args[0], command, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// <c>probe [URL]</c>: exit 0 when the URL answers 200 within 5 s, else 1 — the container's health
    /// check, as the image carries no curl.
    /// </summary>
    public static async Task<int> ProbeAsync(string url)
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            using var response = await http.GetAsync(url);
            Console.WriteLine($"probe {url}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? Ok : StartFailed;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException or InvalidOperationException)
        {
            Console.Error.WriteLine($"probe {url}: {e.Message}");
            return StartFailed;
        }
    }

    /// <summary>
    /// <c>dev-certs --out DIR --silos silo1,silo2 [--clients reader] [--operators alice] [--days 30]</c>: a development CA
    /// and its certificates for a cluster with mutual TLS on one machine (Compose runs it first).
    /// </summary>
    public static int DevCertificates(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        string[] List(string name) =>
            (Value(name) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (Value("--out") is not { } directory)
        {
            return Fail(
                BadConfiguration,
                "dev-certs: --out DIR is required (with --silos NAME,NAME and, for clients, --clients NAME (reads) or --operators NAME (OU=operator))"
            );
        }

        if (!int.TryParse(Value("--days") ?? "30", out var days) || days < 1)
        {
            return Fail(BadConfiguration, $"dev-certs: --days '{Value("--days")}' must be a whole number of days, at least 1");
        }

        try
        {
            var written = Security.DevCertificates.Write(
                directory,
                List("--silos"),
                List("--clients"),
                TimeSpan.FromDays(days),
                List("--operators")
            );
            Console.WriteLine(
                written.Count == 0
                    ? $"dev-certs: {directory} already holds a complete set; kept"
                    : $"dev-certs: wrote {written.Count} files to {directory} (valid {days} days): {string.Join(", ", written.Select(Path.GetFileName))}"
            );
            return Ok;
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            return Fail(BadConfiguration, $"dev-certs: {e.Message}");
        }
    }

    /// <summary>Configuration key: the role the silos run as, granted row access (and nothing more) by <c>migrate</c>.</summary>
    public const string RuntimeRoleKey = "Betting:Database:RuntimeRole";

    /// <summary>
    /// <c>migrate</c>: applies our schema and Orleans queries (idempotent), and with
    /// <see cref="RuntimeRoleKey"/> grants that role what the silos need, then exits.
    /// </summary>
    public static async Task<int> MigrateAsync(SiloSettings settings, string? runtimeRole)
    {
        try
        {
            var report = await SchemaMigrator.ApplyAsync(
                settings.Database,
                runtimeRole: string.IsNullOrWhiteSpace(runtimeRole) ? null : runtimeRole.Trim()
            );
            Console.WriteLine(
                $"migrate: {report.Engine} {report.Database}: schema and {report.QueryCount} Orleans queries "
                    + $"{(report.Changed ? "applied" : "already current")} (checksum {report.Checksum}, {report.Elapsed.TotalMilliseconds:F0} ms)"
                    + (report.RuntimeRole is { } role ? $"; runtime role '{role}' may read and write rows, and change no table" : "")
            );
            return Ok;
        }
        catch (ArgumentException e)
        {
            return Fail(BadConfiguration, $"configuration error: {RuntimeRoleKey}: {e.Message}");
        }
        catch (DatabaseUnavailableException e)
        {
            return Fail(DatabaseUnavailable, $"database error: {e.Message}");
        }
    }

    public static int Fail(int code, string message)
    {
        Console.Error.WriteLine(message);
        return code;
    }
}
