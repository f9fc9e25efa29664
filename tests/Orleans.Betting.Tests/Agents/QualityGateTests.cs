using Orleans.Betting.Agents;
using Orleans.Betting.Agents.Decisions;
using Orleans.Betting.Market;

namespace Orleans.Betting.Tests.Agents;

/// <summary>DataEngineering's season quality and the gate that blocks a search on bad data, with its reasons.</summary>
public sealed class QualityGateTests
{
    private static readonly DateTime Day = new(2021, 9, 11, 15, 0, 0, DateTimeKind.Utc);

    private static MatchRecord Match(int i, string home, string away, double[]? pinnacle, double[]? average = null)
    {
        var quotes = new List<Quote>();
        var outcomes = new[] { Outcome.Home, Outcome.Draw, Outcome.Away };
        for (var k = 0; k < 3; k++)
        {
            if (pinnacle is not null)
            {
                quotes.Add(new Quote(PriceSource.Pinnacle, MarketType.MatchOdds, outcomes[k], 0, Phase.Closing, pinnacle[k]));
            }

            if (average is not null)
            {
                quotes.Add(new Quote(PriceSource.MarketAvg, MarketType.MatchOdds, outcomes[k], 0, Phase.Closing, average[k]));
            }
        }

        return new MatchRecord(
            $"Q1/{i}",
            "Q1",
            "2021-2022",
            Day.AddDays(i),
            home,
            away,
            new MatchResult(1, 0, null, null),
            quotes.ToArray()
        );
    }

    [Fact]
    public void ASeasonsQualityCountsMissingClosesBooksOutOfRangeAndRepeatedFixtures()
    {
        double[] fair = [2.0, 3.6, 4.2]; // booksum 1.016
        double[] wild = [1.2, 1.3, 1.4]; // booksum 2.31: a line that is no market
        var facts = DataEngineeringAgent.Compute(
            "2021-2022",
            [
                Match(1, "A", "B", fair),
                Match(2, "B", "A", fair),
                Match(3, "A", "C", null, fair), // no sharp close
                Match(4, "C", "A", wild),
                Match(5, "A", "B", fair), // A v B again: moved and imported twice
            ]
        );
        Assert.Equal(new SeasonQuality(5, 1, 1, 1), facts.Quality);

        var blocked = QualityGate.Blocks([facts], ["2021-2022"], []);
        Assert.NotNull(blocked);
        Assert.Contains("2021-2022: 1 fixture(s) seen twice", blocked, StringComparison.Ordinal);
        Assert.Contains("1 of 5 closing books outside [0.95, 1.30]", blocked, StringComparison.Ordinal);
        Assert.DoesNotContain("Pinnacle", blocked, StringComparison.Ordinal); // not a test season
    }

    [Fact]
    public void ATestSeasonWithoutTheSharpCloseBlocksAndGoodSeasonsPass()
    {
        double[] fair = [2.0, 3.6, 4.2];
        var withoutClose = DataEngineeringAgent.Compute(
            "2022-2023",
            Enumerable.Range(0, 10).Select(i => Match(i, $"H{i}", $"A{i}", i < 4 ? fair : null, fair))
        );
        var good = DataEngineeringAgent.Compute("2021-2022", Enumerable.Range(0, 10).Select(i => Match(i, $"H{i}", $"A{i}", fair)));
        Assert.Equal(new SeasonQuality(10, 0, 0, 0), good.Quality);

        // In training, missing closes are no block (the gate does not measure CLV there); in the test period they are.
        Assert.Null(QualityGate.Blocks([good, withoutClose], ["2021-2022", "2022-2023"], []));
        var blocked = QualityGate.Blocks([good, withoutClose], ["2021-2022", "2022-2023"], ["2022-2023"]);
        Assert.Equal(
            "2022-2023 (a test season): 6 of 10 matches without Pinnacle's closing 1X2, the close the gate's CLV is measured against",
            blocked
        );

        // Facts cached before the checks existed carry no quality and block nothing.
        Assert.Null(QualityGate.Blocks([good with { Quality = null }], ["2021-2022"], ["2021-2022"]));
    }
}

/// <summary>The gate through the real agents: a market whose history has a fixture twice is not searched, and the cycle says why.</summary>
public sealed class QualityGateAgentTests
{
    [Fact]
    public async Task ASearchOnARepeatedFixtureIsBlockedWithItsReason()
    {
        using var dir = new TempDirectory("quality-gate");
        var seasons = Enumerable.Range(2015, 5).Select(y => $"{y}-{y + 1}").ToArray();
        await using var cluster = await StorageCluster.StartAsync(
            Orleans.Betting.Silo.Storage.DatabaseTarget.SqliteFile(Path.Combine(dir.Path, "q.db")),
            "quality-gate",
            1,
            ReplaySettings.Imported("S1", $"{seasons[0]}..{seasons[^1]}", maxCandidates: 20)
        );

        // A clean synthetic history, but one 2016-2017 fixture imported a second time three days later.
        var history = Orleans.Betting.Quant.MarketSimulator.Generate(
            new Orleans.Betting.Quant.SimulationOptions(5, 1, seasons, Orleans.Betting.Quant.MarketPlant.None)
        );
        foreach (var season in history)
        {
            var data = season;
            if (season.Season == "2016-2017")
            {
                var m = season.Matches[10];
                var moved = m with { Id = m.Id + "-moved", KickoffUtc = m.KickoffUtc.AddDays(3) };
                data = season with { Matches = [.. season.Matches, moved] };
            }

            await cluster.Grains.LeagueSeason(data.League, data.Season).UpsertAsync(data);
        }

        foreach (var (name, _) in AgentNames.All)
        {
            await cluster.Grains.Agent(name).StartAsync("test");
        }

        var orchestrator = cluster.Grains.Agent(AgentNames.Orchestrator);
        await Eventually.WaitAsync(
            async () => (await orchestrator.GetDecisionsAsync(500)).Any(d => d.Kind == DecisionKind.Candidates),
            TimeSpan.FromMinutes(1)
        );
        var decided = (await orchestrator.GetDecisionsAsync(500)).First(d => d.Kind == DecisionKind.Candidates);
        Assert.Equal("0", decided.Choice);
        Assert.Contains(
            decided.Reasons,
            r =>
                r.StartsWith(
                    "DataEngineering's quality gate blocks the search: 2016-2017: 1 fixture(s) seen twice",
                    StringComparison.Ordinal
                )
        );
        Assert.Empty((await orchestrator.GetStatusAsync()).MemoryAs<Orleans.Betting.Agents.Views.OrchestratorView>().TestPeriodsOpened);
    }
}
