using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orleans.Betting.Tests.Infrastructure;

/// <summary>
/// Debian's headless Chromium driven over the DevTools protocol (a WebSocket on loopback): open a page
/// with request headers (basic credentials), run script in it, click, and read what it shows; the
/// page's own scripts and server push run as in any browser.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly Process process;
    private readonly TempDirectory profile;
    private readonly ClientWebSocket socket = new();
    private int nextId;

    private BrowserSession(Process process, TempDirectory profile)
    {
        this.process = process;
        this.profile = profile;
    }

    public static async Task<BrowserSession> StartAsync()
    {
        var profile = new TempDirectory("chromium-cdp");
        var info = new ProcessStartInfo(HeadlessChromium.Executable)
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
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
                "--remote-allow-origins=*",
                $"--user-data-dir={profile.Path}",
                "about:blank",
            }
        )
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var session = new BrowserSession(process, profile);
        var portFile = Path.Combine(profile.Path, "DevToolsActivePort");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(portFile) || File.ReadAllLines(portFile).Length < 2)
        {
            if (DateTime.UtcNow > deadline || process.HasExited)
            {
                await session.DisposeAsync();
                throw new InvalidOperationException("chromium did not open its DevTools port");
            }

            await Task.Delay(100);
        }

        var port = File.ReadAllLines(portFile)[0].Trim();
        using var http = new HttpClient();
        var targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list"))!.AsArray();
        var page = targets.First(t => (string?)t!["type"] == "page")!;
        await session.socket.ConnectAsync(new Uri((string)page["webSocketDebuggerUrl"]!), CancellationToken.None);
        await session.SendAsync("Network.enable");
        await session.SendAsync("Page.enable");
        return session;
    }

    /// <summary>Every later request of the page carries these headers (e.g. Authorization).</summary>
    public Task SetHeadersAsync(IReadOnlyDictionary<string, string> headers) =>
        SendAsync(
            "Network.setExtraHTTPHeaders",
            new JsonObject { ["headers"] = new JsonObject(headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value))) }
        );

    public Task NavigateAsync(string url) => SendAsync("Page.navigate", new JsonObject { ["url"] = url });

    /// <summary>The value of a script expression in the page (awaited when it is a promise).</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync(
            "Runtime.evaluate",
            new JsonObject
            {
                ["expression"] = expression,
                ["returnByValue"] = true,
                ["awaitPromise"] = true,
            }
        );
        if (result["exceptionDetails"] is { } error)
        {
            throw new InvalidOperationException($"script failed: {error.ToJsonString()}");
        }

        return result["result"]?["value"];
    }

    public async Task<string> TextAsync(string elementId) =>
        (string?)await EvaluateAsync($"(document.getElementById('{elementId}') || {{innerText: ''}}).innerText") ?? "";

    /// <summary>Waits until the expression is true in the page; fails with what the page shows otherwise.</summary>
    public async Task WaitForAsync(string expression, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((bool?)await EvaluateAsync($"!!({expression})") == true)
                {
                    return;
                }
            }
            catch (InvalidOperationException)
            {
                // the page is navigating
            }

            await Task.Delay(250);
        }

        throw new TimeoutException(
            $"{what}: not seen within {timeout.TotalSeconds:F0} s; the page shows: {await TextAsync("action")} | {Truncate(await EvaluateAsync("document.body ? document.body.innerText : ''"))}"
        );
    }

    private static string Truncate(JsonNode? text) =>
        ((string?)text ?? "") is { Length: > 3000 } long_ ? long_[..3000] : (string?)text ?? "";

    private async Task<JsonNode> SendAsync(string method, JsonObject? parameters = null)
    {
        var id = Interlocked.Increment(ref nextId);
        var message = new JsonObject
        {
            ["id"] = id,
            ["method"] = method,
            ["params"] = parameters ?? new JsonObject(),
        };
        await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[1 << 16];
        while (true)
        {
            using var text = new MemoryStream();
            WebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(buffer, cts.Token);
                text.Write(buffer, 0, received.Count);
            } while (!received.EndOfMessage);

            var reply = JsonNode.Parse(text.ToArray())!;
            if ((int?)reply["id"] == id)
            {
                return reply["error"] is { } error
                    ? throw new InvalidOperationException($"{method}: {error.ToJsonString()}")
                    : reply["result"] ?? new JsonObject();
            }
            // events (Network.*, Page.*) are not needed: skipped
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            socket.Dispose();
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        finally
        {
            process.Dispose();
            profile.Dispose();
        }
    }
}
