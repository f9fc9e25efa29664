using System.Text.Json;
using Orleans.Betting.Silo.Simulation;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Hosting;

/// <summary>
/// A real market in one step: an Embedded silo given an odds API key and URL (a loopback server speaking
/// The Odds API's contract with real English team names) trades nothing and says in one line why (no
/// history); after `data import` of four E0 seasons and nothing else, it learns from E0, polls its sport
/// (soccer_epl, named nowhere in the configuration) and maps the feed's events to E0's teams.
/// </summary>
[Collection(MachineWideCollection.Name)]
[Trait(Tier.Name, Tier.System)]
public sealed class RealMarketOneStepTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AKeyAndImportedHistoryAreAllItTakesToTradeTheLeaguesSport()
    {
        await using var api = await OddsApiSimulator.StartAsync(
            new SimulatorOptions
            {
                ApiKey = "real-key",
                RequestsPerSecond = 50,
                Burst = 50,
            }
        );
        using var dir = new TempDirectory("real-one-step");
        await using var silo = SiloProcess.Start(
            dir.Path,
            new Dictionary<string, string>
            {
                ["Betting__Apis__Odds__ApiKey"] = "real-key",
                ["Betting__Apis__Odds__BaseUrl"] = api.BaseUrl,
                ["Betting__Market__Source"] = "live",
                ["Betting__Agents__Enabled"] = "true",
                ["Betting__Agents__TickSeconds"] = "0.25",
                ["Betting__Agents__MaxCandidates"] = "20",
                ["Betting__Health__Enabled"] = "false",
                ["Betting__LiveOdds__PollSeconds"] = "1",
                // Polled from the start (named here), so its first polls meet no history: a problem that must not outlive the import.
                ["Betting__LiveOdds__Sports"] = "soccer_epl",
            }
        );
        await silo.WaitReadyAsync(TimeSpan.FromSeconds(120));

        // Nothing imported: one line says what is missing.
        var missing = await WaitForLiveAsync(
            silo,
            l => l.GetProperty("missing").GetString() is { } m && m.Contains("no league has 3", StringComparison.Ordinal)
        );
        output.WriteLine(missing.GetProperty("missing").GetString());
        Assert.Contains("data import", missing.GetProperty("missing").GetString());
        static IEnumerable<string> Problems(JsonElement live) =>
            live.GetProperty("sports")
                .EnumerateArray()
                .SelectMany(s => s.GetProperty("problems").EnumerateArray())
                .Select(p => p.GetString()!);
        var early = await WaitForLiveAsync(
            silo,
            l => Problems(l).Any(p => p.Contains("no imported history", StringComparison.Ordinal)),
            "--sport",
            "soccer_epl"
        );
        output.WriteLine(Problems(early).First());

        var files = new[] { "2021-2022", "2022-2023", "2023-2024", "2024-2025" }
            .Select(s => Path.Combine(RepoPaths.SharedData, "data", "football-data", "E0", s + ".csv"))
            .ToArray();
        var import = await ClientProcess.RunAsync(["data", "import", .. files, "--gateway", silo.Gateway], TimeSpan.FromMinutes(3));
        Assert.True(import.ExitCode == 0, import.StandardError + import.StandardOutput);

        // Then it learns from E0 and trades E0's sport: polled, its events met with E0's teams.
        var trading = await WaitForLiveAsync(
            silo,
            l =>
                l.GetProperty("missing").ValueKind == JsonValueKind.Null
                && l.GetProperty("sports")
                    .EnumerateArray()
                    .Any(s => s.GetProperty("sport").GetString() == "soccer_epl" && s.GetProperty("mapped").GetInt32() > 0)
        );
        var epl = trading.GetProperty("sports").EnumerateArray().Single(s => s.GetProperty("sport").GetString() == "soccer_epl");
        output.WriteLine(
            $"{trading.GetProperty("state").GetString()}: {epl.GetProperty("events")} events, {epl.GetProperty("mapped")} mapped"
        );
        Assert.Equal("E0", epl.GetProperty("league").GetString());
        Assert.NotEqual(JsonValueKind.Null, epl.GetProperty("lastPollUtc").ValueKind);
        Assert.False(trading.GetProperty("market").GetProperty("isDemo").GetBoolean());

        // The first polls' "no imported history" is gone once the history is there (it was listed for events that traded).
        var later = await WaitForLiveAsync(silo, l => !Problems(l).Any(p => p.Contains("no imported history", StringComparison.Ordinal)));
        Assert.DoesNotContain(Problems(later), p => p.Contains("no imported history", StringComparison.Ordinal));
    }

    private static async Task<JsonElement> WaitForLiveAsync(SiloProcess silo, Func<JsonElement, bool> done, params string[] extra)
    {
        JsonElement last = default;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            last = await ClientProcess.RunJsonAsync(silo, ["live", "status", "--json", .. extra]);
            if (done(last))
            {
                return last;
            }

            await Task.Delay(1000);
        }

        throw new TimeoutException($"live status never showed it: {last}\n{silo.Output[^Math.Min(4000, silo.Output.Length)..]}");
    }
}
