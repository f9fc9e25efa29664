using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Hosting;

/// <summary>
/// The web console and its JSON API on an Embedded silo trading the simulator's live market, in a real
/// browser: every validated strategy waits for a human; a reader sees the console and is refused the
/// approval; the operator approves one in the page, sees it deployed, then sees its picks, bets and the
/// equity chart arrive by server push; the API's figures equal the client's <c>--json</c>.
/// </summary>
[Collection(MachineWideCollection.Name)]
[Trait(Tier.Name, Tier.System)]
public sealed class OperatorConsoleTests(ITestOutputHelper output)
{
    private const string ReaderPassword = "reader-pass-1";
    private const string OperatorPassword = "alice-pass-1";

    [Fact]
    public async Task AnOperatorApprovesAHeldStrategyInTheBrowserAndWatchsItTradeWhileAReaderIsRefused()
    {
        await using var live = await SimulatedLiveMarket.StartAsync(11, "console-key");
        await using var hook = await WebhookReceiver.StartAsync();
        var env = live.EmbeddedEnvironment(
            new Dictionary<string, string>
            {
                ["Betting__Health__Enabled"] = "false",
                ["Betting__Agents__Review__MaxRoi"] = "0.001", // every validated strategy waits for a human
                ["Betting__Agents__WindowDays"] = "1",
                ["Betting__Dashboard__Username"] = "reader",
                ["Betting__Dashboard__Password"] = ReaderPassword,
                ["Betting__Console__Operators__alice"] = OperatorPassword,
                ["Betting__Console__PushMilliseconds"] = "200",
                ["Betting__Notifications__WebhookUrl"] = hook.BaseUrl + "hooks/ops",
            }
        );
        using var dir = new TempDirectory("console");
        await using var silo = SiloProcess.Start(dir.Path, env);
        await silo.WaitReadyAsync(TimeSpan.FromSeconds(120));
        using var anonymous = new HttpClient { BaseAddress = new Uri(silo.BaseUrl) };
        using var reader = Client(silo, "reader", ReaderPassword);
        using var alice = Client(silo, "alice", OperatorPassword);

        // Sign-in: nothing without credentials; a reader reads and may not act.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/ledger")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/console")).StatusCode);
        Assert.False((await GetAsync(reader, "/api/me"))["isOperator"]!.GetValue<bool>());
        Assert.True((await GetAsync(alice, "/api/me"))["isOperator"]!.GetValue<bool>());

        // The first search holds every validated strategy for a human.
        JsonNode? held = null;
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (held is null && DateTime.UtcNow < deadline)
        {
            held = (await GetAsync(reader, "/api/approvals"))["approvals"]!
                .AsArray()
                .FirstOrDefault(a => (string?)a!["kind"] == "Strategy" && (string?)a["state"] == "Pending");
            await Task.Delay(held is null ? 1000 : 0);
        }

        Assert.True(held is not null, "no strategy was held for approval: " + silo.Output[^Math.Min(3000, silo.Output.Length)..]);
        var subject = (string)held!["subject"]!;
        output.WriteLine($"held: {subject} ({held["spec"]})");

        var refused = await reader.PostAsync($"/api/approvals/{subject}/approve", null);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("may read but not act", await refused.Content.ReadAsStringAsync());

        await using var browser = await BrowserSession.StartAsync();

        // The reader's page: it reads, shows no action buttons, and the API refuses the action from the page too.
        await browser.SetHeadersAsync(new Dictionary<string, string> { ["Authorization"] = Basic("reader", ReaderPassword) });
        await browser.NavigateAsync(silo.BaseUrl + "/console");
        await browser.WaitForAsync(
            "document.body.getAttribute('data-loaded') === 'true'",
            TimeSpan.FromSeconds(30),
            "the reader's console loaded"
        );
        Assert.Contains(subject, await browser.TextAsync("approvals-table"));
        Assert.Equal(0, (int)(await browser.EvaluateAsync("document.querySelectorAll('button[data-post]').length"))!);
        Assert.Equal(
            403,
            (int)(await browser.EvaluateAsync($"fetch('/api/approvals/{subject}/approve', {{ method: 'POST' }}).then(r => r.status)"))!
        );
        Assert.Contains("Demo market", await browser.TextAsync("demo"));

        // The operator's page: approve the held strategy with the page's button.
        await browser.SetHeadersAsync(new Dictionary<string, string> { ["Authorization"] = Basic("alice", OperatorPassword) });
        await browser.NavigateAsync(silo.BaseUrl + "/console");
        await browser.WaitForAsync(
            "document.body.getAttribute('data-loaded') === 'true'",
            TimeSpan.FromSeconds(30),
            "the operator's console loaded"
        );
        var approve = $"button[data-post=\"/approvals/{subject}/approve\"]";
        await browser.WaitForAsync($"document.querySelector('{approve}')", TimeSpan.FromSeconds(10), "the approve button");
        await browser.EvaluateAsync($"document.querySelector('{approve}').click()");
        await browser.WaitForAsync(
            "document.getElementById('action').innerText.includes('Approved by alice')",
            TimeSpan.FromSeconds(20),
            "the approval by alice"
        );
        var decided = (await GetAsync(reader, "/api/approvals"))["approvals"]!.AsArray().First(a => (string?)a!["subject"] == subject)!;
        Assert.Equal("alice", (string?)decided["decidedBy"]);

        // Deployed at the next search window, then trading: the page updates by push alone (no reload).
        await browser.WaitForAsync(
            $"document.getElementById('strategies-table').innerText.includes('{subject}')",
            TimeSpan.FromMinutes(3),
            "the approved strategy deployed"
        );
        await browser.WaitForAsync(
            "/Won|Lost/.test(document.getElementById('bets-table').innerText) && document.querySelector('#equity-line')",
            TimeSpan.FromMinutes(4),
            "a settled bet and the equity chart"
        );
        Assert.DoesNotContain("none", await browser.TextAsync("picks-table"));
        Assert.Contains("bet placed", await browser.TextAsync("notices"));

        // The same happenings reached the webhook, each a notification a person sees.
        string[] Texts() => [.. hook.Posts.Select(p => p.Body.GetProperty("text").GetString() ?? "")];
        await Eventually.WaitAsync(
            () => Task.FromResult(Texts().Any(t => t.Contains("bet(s) settled", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(60)
        );
        Assert.Contains(Texts(), t => t.Contains($"strategy {subject} held for approval", StringComparison.Ordinal));
        Assert.Contains(Texts(), t => t.Contains($"strategy {subject} deployed", StringComparison.Ordinal));
        Assert.Contains(Texts(), t => t.Contains("bet(s) placed", StringComparison.Ordinal));

        // Frozen (the orchestrator paused by the operator), the API's figures equal the client's.
        var paused = await alice.PostAsync("/api/agents/orchestrator/pause", null);
        Assert.True(paused.StatusCode == HttpStatusCode.OK, await paused.Content.ReadAsStringAsync());
        Assert.Contains("alice", (string?)JsonNode.Parse(await paused.Content.ReadAsStringAsync())!["stateReason"] ?? "");
        await Task.Delay(2000);
        foreach (
            var (path, command) in new[] { ("/api/ledger", "ledger"), ("/api/report", "report"), ("/api/strategies", "strategies list") }
        )
        {
            var fromApi = await GetAsync(reader, path);
            var fromClient = JsonNode.Parse((await ClientProcess.RunJsonAsync(silo, [.. command.Split(' '), "--json"])).GetRawText())!;
            fromApi["market"]!.AsObject().Remove("marketTimeUtc");
            fromClient["market"]!.AsObject().Remove("marketTimeUtc");
            Assert.True(JsonNode.DeepEquals(fromApi, fromClient), $"{path} differs from `{command} --json`");
        }

        // The client's tables fit 80 columns: no line wider, no header cut short ("Unmap…").
        foreach (
            var command in new[]
            {
                "ledger",
                "picks",
                "report",
                "live status",
                "strategies list",
                "agents status",
                "approvals list",
                "clock status",
            }
        )
        {
            var text = await ClientProcess.RunAsync([.. command.Split(' '), "--gateway", silo.Gateway]);
            Assert.True(text.ExitCode == 0, $"{command}: {text.StandardError}");
            var lines = text.StandardOutput.Split('\n');
            Assert.True(lines.All(l => l.TrimEnd().Length <= 80), $"{command} is wider than 80 columns:\n{text.StandardOutput}");
            Assert.False(text.StandardOutput.Contains('…', StringComparison.Ordinal), $"{command} cuts text short:\n{text.StandardOutput}");
            if (command is "ledger" or "report" or "picks" or "strategies list")
            {
                Assert.Contains("demo market", text.StandardOutput, StringComparison.Ordinal);
            }
        }

        // The clock the client shows is the live market's (accelerated), not the idle replay clock's ×1.
        var clock = await ClientProcess.RunJsonAsync(silo, "clock", "status", "--json");
        Assert.Equal(SimulatedLiveMarket.Speed, clock.GetProperty("speed").GetDouble());
        Assert.Contains("simulated live market", clock.GetProperty("market").GetString());

        var bets = (await GetAsync(reader, "/api/ledger"))["bets"]!.AsArray();
        output.WriteLine($"{bets.Count} bets when frozen");
        var csv = await reader.GetStringAsync("/api/ledger.csv");
        Assert.Equal(bets.Count + 1, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var openApi = await GetAsync(reader, "/openapi/v1.json");
        Assert.NotNull(openApi["paths"]!["/api/ledger"]);
        Assert.NotNull(openApi["paths"]!["/api/approvals/{subject}/{verb}"]);
    }

    private static HttpClient Client(SiloProcess silo, string user, string password)
    {
        var http = new HttpClient { BaseAddress = new Uri(silo.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(Basic(user, password));
        return http;
    }

    private static string Basic(string user, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    private static async Task<JsonNode> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}
