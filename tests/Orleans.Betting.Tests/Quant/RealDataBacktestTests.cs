using Orleans.Betting.Market;
using Orleans.Betting.Quant;
using Orleans.Betting.Strategies;

namespace Orleans.Betting.Tests.Quant;

/// <summary>Baselines on the real shared data, cross-checked by an independent plain calculation.</summary>
public sealed class RealDataBacktestTests
{
    private static MarketTimeline Load(string league, params string[] seasons) =>
        new(
            seasons.SelectMany(season =>
            {
                using var stream = File.OpenRead(Path.Combine(RepoPaths.SharedData, "data", "football-data", league, $"{season}.csv"));
                return FootballDataCsvReader.Read(stream, $"{season}.csv").Matches;
            })
        );

    [Fact]
    public void PinnacleClosingHomeBetsLoseRoughlyTheMarginAndAgreeWithAPlainLoop()
    {
        var timeline = Load("E0", "2019-2020", "2020-2021", "2021-2022", "2022-2023");
        var result = BacktestEngine.Run(
            timeline,
            new BaselineStrategy(BaselineSide.Home, PriceSource.Pinnacle, Phase.Closing),
            BacktestOptions.FlatUnits
        );

        // Independent calculation: straight over the matches, no engine, no view.
        double staked = 0,
            profit = 0,
            marginSum = 0;
        var wins = 0;
        foreach (var m in timeline.Matches)
        {
            double Close(Outcome o) =>
                m
                    .Quotes.First(q =>
                        q.Source == PriceSource.Pinnacle && q.Phase == Phase.Closing && q.Outcome == o && q.Market == MarketType.MatchOdds
                    )
                    .Price;
            var home = Close(Outcome.Home);
            staked += 1;
            var homeWon = m.Result!.HomeGoals > m.Result.AwayGoals;
            profit += homeWon ? home - 1 : -1;
            wins += homeWon ? 1 : 0;
            marginSum += 1 / home + 1 / Close(Outcome.Draw) + 1 / Close(Outcome.Away) - 1;
        }

        var metrics = result.Metrics;
        Assert.Equal(1520, metrics.Bets);
        Assert.Equal(staked, metrics.Staked);
        Assert.Equal(profit, metrics.Profit, 9);
        Assert.Equal(wins, metrics.Wins);

        // Blind bets lose about M/(1+M) on average; Pinnacle's closing margin is ~2.5-3 %. Home
        // bets in these seasons (including the empty-stadium 2020-21) stay within a few percent of it.
        var margin = marginSum / timeline.Count;
        Assert.InRange(margin, 0.02, 0.035);
        Assert.InRange(metrics.Roi, -margin / (1 + margin) - 0.06, -margin / (1 + margin) + 0.06);

        // Betting Pinnacle's own close has zero CLV by construction, up to the margin's share.
        Assert.InRange(metrics.MeanClv, -0.04, 0.0);
        Assert.Equal(metrics.Bets, metrics.ClvBets);
    }

    [Fact]
    public void BlindBetsOnEveryOutcomeLoseAboutTheMargin()
    {
        var timeline = Load("D1", "2015-2016", "2016-2017", "2017-2018");
        double profit = 0,
            staked = 0;
        foreach (var side in new[] { BaselineSide.Home, BaselineSide.Draw, BaselineSide.Away })
        {
            var r = BacktestEngine
                .Run(timeline, new BaselineStrategy(side, PriceSource.Pinnacle, Phase.Closing), BacktestOptions.FlatUnits)
                .Metrics;
            profit += r.Profit;
            staked += r.Staked;
        }

        // Expected ROI of blind unit bets on every outcome at margin M is −M/(1+M), ~ −2.5 %.
        Assert.InRange(profit / staked, -0.06, 0.0);
    }
}
