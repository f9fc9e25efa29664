using System.Diagnostics;

namespace Orleans.Betting.Tests.Infrastructure;

/// <summary>Debian's Chromium, headless, to see a page as a browser renders it (scripts run).</summary>
public static class HeadlessChromium
{
    public static string Executable =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(
            "chromium is not installed (apt-get install chromium); tests/run.sh installs it when run as root"
        );

    /// <summary>The DOM after the page's scripts have run for up to <paramref name="budgetMs"/> of virtual time.</summary>
    public static async Task<string> DumpDomAsync(string url, int budgetMs = 8000)
    {
        using var profile = new TempDirectory("chromium");
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (
            var arg in new[]
            {
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                $"--user-data-dir={profile.Path}",
                $"--virtual-time-budget={budgetMs}",
                "--dump-dom",
                url,
            }
        )
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var dom = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        return await dom;
    }
}
