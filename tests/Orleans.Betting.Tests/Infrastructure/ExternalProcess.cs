using System.Diagnostics;

namespace Orleans.Betting.Tests.Infrastructure;

/// <summary>Runs a program (kubectl, node, podman, docker-compose, pg_ctl …) to completion and captures what it printed.</summary>
public static class ExternalProcess
{
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(
        string file,
        IEnumerable<string> args,
        TimeSpan timeout,
        string? stdin = null,
        IDictionary<string, string>? environment = null
    )
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
