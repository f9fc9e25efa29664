using System.Diagnostics;

namespace Orleans.Betting.Tests.Infrastructure;

/// <summary>Runs the built console client as an operator would and captures what it prints.</summary>
public static class ClientProcess
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    /// <summary>Runs a command with --json against the silo's gateway; it must succeed, and its output is parsed.</summary>
    public static async Task<System.Text.Json.JsonElement> RunJsonAsync(SiloProcess silo, params string[] args)
    {
        var result = await RunAsync([.. args, "--gateway", silo.Gateway]);
        Xunit.Assert.True(result.ExitCode == 0, result.StandardError);
        return System.Text.Json.JsonDocument.Parse(result.StandardOutput).RootElement;
    }

    /// <summary>The cluster's members as `status --json` lists them (silo port and Orleans' status); empty when no gateway answers.</summary>
    public static async Task<List<(int Port, string Status)>> MembersAsync(string gateway, string? clusterId = null, int connectSeconds = 5)
    {
        var result = await StatusAsync(gateway, clusterId, connectSeconds);
        return result.ExitCode != 0
            ? []
            : System
                .Text.Json.JsonDocument.Parse(result.StandardOutput)
                .RootElement.GetProperty("members")
                .EnumerateArray()
                .Select(m =>
                    (System.Net.IPEndPoint.Parse(m.GetProperty("endpoint").GetString()!).Port, m.GetProperty("status").GetString()!)
                )
                .ToList();
    }

    /// <summary>`status --json` against one gateway, waiting at most <paramref name="connectSeconds"/> to connect, whatever it answers.</summary>
    public static Task<Result> StatusAsync(string gateway, string? clusterId = null, int connectSeconds = 5) =>
        RunAsync([
            "status",
            "--json",
            "--gateway",
            gateway,
            "--connect-timeout",
            connectSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            .. clusterId is null ? Array.Empty<string>() : ["--cluster-id", clusterId],
        ]);

    public static async Task<Result> RunAsync(IEnumerable<string> args, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(RepoPaths.ClientDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"client {string.Join(' ', args)} did not finish: {await stdout} {await stderr}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
