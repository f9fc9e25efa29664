using Orleans.Betting.Agents;
using Orleans.Betting.Health;
using Orleans.Betting.Ledger;
using Orleans.Betting.Market;
using Orleans.Betting.Silo.Storage;
using Orleans.Betting.Strategies;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Health;

/// <summary>
/// The business check end to end: a strategy validated on real matches then loses live, below the
/// range its validation gave. The health monitor reads the PerformanceAnalyst's track record, opens
/// one incident, pauses the strategy (weight 0, the analyst's weight updates held), alerts once, and
/// the pause holds until a human resumes it (the daily report goes out through the same webhook); the human's decision then holds until thirty more live bets say otherwise.
/// </summary>
public sealed class StrategyDriftTests(ITestOutputHelper output)
{
    private const string League = "E0";
    private const string Season = "2018-2019";

    [Fact]
    public async Task AStrategyLosingBelowItsValidatedRangeIsPausedAlertedOnceAndAHumansResumeHolds()
    {
        await using var hook = await WebhookReceiver.StartAsync();
        using var dir = new TempDirectory("strategy-drift");
        await using var cluster = await StorageCluster.StartAsync(
            DatabaseTarget.SqliteFile(Path.Combine(dir.Path, "drift.db")),
            "strategy-drift",
            1,
            FastHealth.Settings(hook)
        );
        var grains = cluster.Grains;

        // Validated: the underdog baseline backtested on a real Premier League season.
        var csv = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.SharedData, "data", "football-data", League, $"{Season}.csv"));
        Assert.Equal(380, (await grains.GetGrain<IMarketImportGrain>(0).ImportCsvAsync($"{Season}.csv", csv)).RowsImported);
        var spec = StrategySpec.Parse("baseline:price=bet365-opening,outcome=underdog");
        var strategy = grains.GetGrain<IStrategyGrain>(spec.Id);
        await strategy.DefineAsync(spec);
        var validated = (await strategy.BacktestAsync(new BacktestRequest(League, [Season], Seed: 3))).Figures;
        output.WriteLine($"validated: {validated.Bets} bets, ROI low 95 % {validated.RoiLow95:P1}, mean CLV {validated.MeanClv:P1}");

        // Live: 40 paper bets in its name, 34 of them on sides that lost, all below the sharp closing price.
        var matches = (await grains.GetGrain<ILeagueSeasonGrain>($"{League}/{Season}").GetAsync())
            .Matches.Where(m => m.Result is not null)
            .ToList();
        List<PaperBet> Bets(int from, int count, int winners) =>
            matches
                .Skip(from)
                .Take(count)
                .Select(
                    (m, i) =>
                    {
                        var homeWon = m.Result!.HomeGoals > m.Result.AwayGoals;
                        var side = (i < winners) == homeWon ? Outcome.Home : Outcome.Away; // the winners first, then losers
                        var closing = m
                            .Quotes.Single(q =>
                                q.Source == PriceSource.Pinnacle
                                && q.Market == MarketType.MatchOdds
                                && q.Outcome == side
                                && q.Phase == Phase.Closing
                            )
                            .Price;
                        return new PaperBet(
                            $"drift-{from + i}",
                            m.Id,
                            League,
                            Season,
                            m.KickoffUtc,
                            $"{m.HomeTeam} v {m.AwayTeam}",
                            new Selection(MarketType.MatchOdds, side),
                            Math.Round(Math.Max(1.01, closing * 0.95), 2),
                            PriceSource.Bet365,
                            10,
                            m.KickoffUtc.AddHours(-6),
                            1,
                            Strategies: [spec.Id]
                        );
                    }
                )
                .ToList();
        var bets = Bets(0, 40, winners: 6);

        var ledger = grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper);
        Assert.Equal(40, (await ledger.PlaceAsync(bets)).Placed);
        var analyst = grains.GetGrain<IPerformanceAnalystAgent>(AgentNames.PerformanceAnalyst);
        await grains.Agent(AgentNames.PerformanceAnalyst).StartAsync("test");
        await analyst.SettleAsync(matches.Max(m => m.KickoffUtc).AddDays(1));
        var record = Assert.Single(await analyst.TrackRecordsAsync(), r => r.StrategyId == spec.Id);
        output.WriteLine(
            $"live: {record.Bets} bets, ROI {record.Roi:P1} (sd {record.ReturnSd:F2}), mean CLV {record.MeanClv:P1}, weight {record.Weight}"
        );
        Assert.Equal(40, record.Bets);
        Assert.True(
            record.Roi + 1.96 * record.ReturnSd / Math.Sqrt(record.Bets) < validated.RoiLow95,
            "the live interval lies below the validated one"
        );

        // The monitor (its own timer) finds it, pauses it and verifies the pause.
        var monitor = grains.GetGrain<IHealthMonitorGrain>(IHealthMonitorGrain.Key);
        var started = DateTime.UtcNow;
        await monitor.StartAsync();
        IncidentView? incident = null;
        await Eventually.WaitAsync(
            async () =>
            {
                incident = (await monitor.GetIncidentsAsync()).FirstOrDefault(i => i.Subject == $"strategy:{spec.Id}");
                return incident?.Actions.Any(a => a.Action == "pause-strategy") == true;
            },
            TimeSpan.FromSeconds(30),
            async () => string.Join(" | ", (await monitor.GetIncidentsAsync()).Select(i => $"{i.Subject} {i.Kind}"))
        );
        Assert.NotNull(incident);
        output.WriteLine(
            $"incident {incident.Id} {incident.Kind} after {(incident.DetectedUtc - started).TotalSeconds:F1} s: {incident.Evidence}"
        );
        Assert.Equal("BelowValidatedRange", incident.Kind);
        Assert.Contains("below the validated range", incident.Evidence);
        Assert.Equal(StepResult.Verified, incident.Actions.Single(a => a.Action == "pause-strategy").Result);

        var paused = await strategy.GetAsync();
        Assert.Equal(0, paused.ConsensusWeight);
        Assert.Contains($"health incident {incident.Id}", paused.PausedReason);
        // The analyst's next weight update is held while it is paused.
        Assert.Equal(0, (await strategy.SetConsensusWeightAsync(1.5, "a later live record")).ConsensusWeight);

        // Paused, it no longer counts as a finding: the incident resolves; the strategy stays paused.
        await Eventually.WaitAsync(
            async () => (await monitor.GetIncidentsAsync()).Single(i => i.Id == incident.Id).ResolvedUtc is not null,
            TimeSpan.FromSeconds(30)
        );
        Assert.NotNull((await strategy.GetAsync()).PausedReason);

        // One alert for the incident reached the webhook (the analyst's retirement proposal is its own alert).
        await Eventually.WaitAsync(() => Task.FromResult(hook.WithKey($"incident|{incident.Id}").Count > 0), TimeSpan.FromSeconds(30));
        await Task.Delay(1000);
        var alert = Assert.Single(hook.WithKey($"incident|{incident.Id}"));
        Assert.Contains(spec.Id, alert.Body.GetProperty("text").GetString());

        // The Notification agent also sends the ledger's daily report through the same webhook.
        await Eventually.WaitAsync(
            () =>
                Task.FromResult(hook.Posts.Any(p => p.Body.GetProperty("key").GetString()!.StartsWith("daily|", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30)
        );
        var daily = hook.Posts.First(p => p.Body.GetProperty("key").GetString()!.StartsWith("daily|", StringComparison.Ordinal)).Body;
        output.WriteLine(daily.GetProperty("text").GetString());
        Assert.Equal("info", daily.GetProperty("severity").GetString());
        Assert.Matches(
            @"Daily report \d{4}-\d{2}-\d{2} \((live|replay) market day\): bankroll [\d.]+, 40 bets \(0 open\), profit -[\d.]+, ROI -70\.6 %",
            daily.GetProperty("text").GetString()
        );

        // A human resumes it (the client's `strategies resume`): the weight it had before the pause comes back.
        Assert.Equal(record.Weight, (await strategy.UnpauseAsync("reviewed by a human")).ConsensusWeight, 3);
        var info = await strategy.GetAsync();
        Assert.Null(info.PausedReason);
        Assert.NotNull(info.ResumedUtc);

        // The human's decision holds: the same record raises no new incident (it would take 30 more live bets).
        await monitor.SampleAsync();
        await monitor.SampleAsync();
        await monitor.SampleAsync();
        Assert.Single(await monitor.GetIncidentsAsync(), i => i.Subject == $"strategy:{spec.Id}");
        Assert.Null((await strategy.GetAsync()).PausedReason);

        // Thirty more live bets, still losing: that is new evidence, and it is paused again.
        Assert.Equal(30, (await ledger.PlaceAsync(Bets(40, 30, winners: 4))).Placed);
        await analyst.SettleAsync(matches.Max(m => m.KickoffUtc).AddDays(1));
        await Eventually.WaitAsync(async () => (await strategy.GetAsync()).PausedReason is not null, TimeSpan.FromSeconds(30));
        var again = (await monitor.GetIncidentsAsync()).Where(i => i.Subject == $"strategy:{spec.Id}").ToList();
        Assert.Equal(2, again.Count);
        Assert.Contains("over 70 bets", again.Single(i => i.Id != incident.Id).Evidence);
        output.WriteLine(string.Join("\n", info.History.Select(h => $"{h.AtUtc:u} {h.Reason}")));
    }
}
