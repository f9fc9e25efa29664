using Orleans.Betting.Agents;
using Orleans.Betting.Agents.Decisions;
using Orleans.Betting.Ledger;
using Orleans.Betting.Market;
using Orleans.Betting.Strategies;

namespace Orleans.Betting.Tests.Agents;

/// <summary>The orchestrator's decision rules as plain functions.</summary>
public sealed class AgentDecisionTests
{
    [Fact]
    public void TheBanditMovesToTheArmThatPays()
    {
        var arms = new Dictionary<string, ArmRecord> { ["generate"] = new(0, 0), ["evolve"] = new(0, 0) };
        var random = new Random(42);
        var truth = new Dictionary<string, double> { ["generate"] = 0.2, ["evolve"] = 0.8 };
        var pulls = new Dictionary<string, int> { ["generate"] = 0, ["evolve"] = 0 };
        var lastHalf = new Dictionary<string, int> { ["generate"] = 0, ["evolve"] = 0 };
        for (var round = 0; round < 200; round++)
        {
            var (arm, _) = ThompsonBandit.Choose(arms, random);
            pulls[arm]++;
            if (round >= 100)
            {
                lastHalf[arm]++;
            }

            arms[arm] = arms[arm].Add(random.NextDouble() < truth[arm] ? 1 : 0);
        }

        Assert.True(lastHalf["evolve"] >= 85, $"evolve chosen {lastHalf["evolve"]} of the last 100 rounds");
        Assert.True(pulls["generate"] >= 3, "the weaker arm is still explored");

        // Same seed, same choices.
        Assert.Equal(ThompsonBandit.Choose(arms, new Random(7)).Arm, ThompsonBandit.Choose(arms, new Random(7)).Arm);
    }

    [Fact]
    public void TheBudgetFollowsTimeCapacityAndYield()
    {
        Assert.Equal(100, CandidateBudget.Decide(new BudgetInputs(5, 0.05, 3, [])).Candidates);
        Assert.Equal(400, CandidateBudget.Decide(new BudgetInputs(500, 0.05, 3, [])).Candidates);
        Assert.Equal(0, CandidateBudget.Decide(new BudgetInputs(500, 0.05, 0, [])).Candidates);
        Assert.Equal(50, CandidateBudget.Decide(new BudgetInputs(5, 0.05, 3, [(100, 0), (100, 0), (100, 0)])).Candidates);
        Assert.Equal(0, CandidateBudget.Decide(new BudgetInputs(0.5, 0.05, 3, [])).Candidates); // 10 fit, below the minimum 20
        var (_, reasons) = CandidateBudget.Decide(new BudgetInputs(5, 0.05, 3, [(100, 0), (100, 0), (100, 0)]));
        Assert.Contains(reasons, r => r.Contains("marginal yield"));

        // Replay time is virtual: however slow the candidates, the cap is the budget (the ledger cannot depend on the machine).
        var (replay, replayReasons) = CandidateBudget.Decide(new BudgetInputs(null, 9.0, 3, [], 20, 60));
        Assert.Equal(60, replay);
        Assert.Contains("replay time waits for the search", replayReasons[0]);
    }

    [Fact]
    public void TheRegimeCheckNarrowsTheWindowOnlyAfterAStructuralChange()
    {
        SeasonFacts Season(int year, double homeRate, double booksum) =>
            new($"{year}-{year + 1}", 380, (int)Math.Round(380 * homeRate), booksum, 0.0001);

        var stable = Enumerable.Range(2015, 7).Select(y => Season(y, 0.46, 1.05)).ToList();
        var (window, inputs, _) = RegimeCheck.Decide(stable);
        Assert.Equal(7, window.Count);
        Assert.True(double.Parse(inputs["pMargin"], System.Globalization.CultureInfo.InvariantCulture) > 0.01);

        // Margins fell from 5 % to 3 % in the last two seasons: train on the recent ones.
        var shifted = Enumerable
            .Range(2015, 5)
            .Select(y => Season(y, 0.46, 1.05))
            .Concat(Enumerable.Range(2020, 2).Select(y => Season(y, 0.46, 1.03)))
            .ToList();
        (window, _, var reasons) = RegimeCheck.Decide(shifted);
        Assert.Equal(new[] { "2019-2020", "2020-2021", "2021-2022" }, window);
        Assert.Contains("structural change", reasons[0]);

        // Home advantage collapsed (46 % → 38 % home wins) with the same margins.
        var homeShift = Enumerable
            .Range(2015, 5)
            .Select(y => Season(y, 0.46, 1.05))
            .Concat(Enumerable.Range(2020, 2).Select(y => Season(y, 0.38, 1.05)))
            .ToList();
        Assert.Equal(3, RegimeCheck.Decide(homeShift).Window.Count);
    }

    [Fact]
    public void TheRegimeCheckIgnoresATinyMarginDriftAndTestsMarginsAtSeasonLevel()
    {
        SeasonFacts Season(int year, double booksum) => new($"{year}-{year + 1}", 380, 175, booksum, 0.0001);

        // A 0.1 pp drift in the margin: per match it looked like p ≈ 2e-6; it is no reason to forget five seasons.
        var drift = Enumerable
            .Range(2015, 5)
            .Select(y => Season(y, 1.050))
            .Concat(Enumerable.Range(2020, 2).Select(y => Season(y, 1.049)))
            .ToList();
        var (window, _, reasons) = RegimeCheck.Decide(drift);
        Assert.Equal(7, window.Count);
        Assert.Contains("no structural change", reasons[0]);

        // Seasons that wander by a point either way: a recent 1 pp dip is within what seasons do.
        double[] older = [1.050, 1.040, 1.060, 1.045, 1.058];
        double[] recent = [1.040, 1.046];
        var noisy = older.Select((b, i) => Season(2015 + i, b)).Concat(recent.Select((b, i) => Season(2020 + i, b))).ToList();
        (window, var inputs, _) = RegimeCheck.Decide(noisy);
        Assert.Equal(7, window.Count);
        Assert.True(double.Parse(inputs["pMargin"], System.Globalization.CultureInfo.InvariantCulture) > 0.01);
    }

    [Fact]
    public void ReviewFlagsWhatAHumanShouldSee()
    {
        BacktestFigures Figures(int bets, double roi) =>
            new(bets, bets / 2, bets, bets * roi, roi, 0.5, 2.1, 0.1, 0.1, 2, null, 0, 0, 0, 1000);
        var settings = new ReviewSettings();
        Assert.Empty(ReviewRules.Flags(Figures(300, 0.12), Figures(150, 0.10), 0.999, settings));
        Assert.Contains(
            ReviewRules.Flags(Figures(300, 0.12), Figures(150, 1.5), 0.999, settings),
            f => f.StartsWith("too good to be true")
        );
        Assert.Contains(ReviewRules.Flags(Figures(300, 0.12), Figures(12, 0.10), 0.999, settings), f => f.StartsWith("too few bets"));
        Assert.Contains(ReviewRules.Flags(Figures(300, 0.40), Figures(150, 0.05), 0.999, settings), f => f.StartsWith("overfitting risk"));
        Assert.Contains(ReviewRules.Flags(Figures(300, 0.12), Figures(150, 0.10), 0.55, settings), f => f.StartsWith("deflated Sharpe"));
    }

    [Fact]
    public void RiskCapsStakesAndVetoesBelowTheMinimumOrTheFloor()
    {
        var kickoff = new DateTime(2021, 9, 11, 15, 0, 0, DateTimeKind.Utc);
        PaperBet Bet(string match, double stake, string league = "S1") =>
            new(
                $"b-{match}-{stake}",
                match,
                league,
                "2021-2022",
                kickoff,
                match,
                Selection.Parse("home"),
                2.2,
                PriceSource.SoftBook,
                stake,
                kickoff.AddDays(-1),
                1
            );

        var limits = new RiskLimits(
            MaxPerMatch: 0.03,
            MaxPerDay: 0.10,
            MaxPerLeague: 0.15,
            BankrollFloor: 0.5,
            MinStake: 1,
            MaxPerBookmaker: 1
        );
        // Bets without the model's probability keep their proposed stakes under the caps.
        var (accepted, vetoes, cuts, _) = PortfolioRisk.Apply(
            [Bet("m1", 50), Bet("m2", 20), Bet("m3", 25), Bet("m4", 25), Bet("m5", 25)],
            [],
            1000,
            1000,
            1000,
            limits
        );
        Assert.Equal([30.0, 20, 25, 25], accepted.Select(b => b.Stake)); // m1 cut to 3 % of 1000; the day cap (100) is full at m4
        var veto = Assert.Single(vetoes);
        Assert.Equal(("m5", "max-per-day"), (veto.MatchId, veto.Rule));

        Assert.Equal(("m1", "max-per-match", 50.0, 30.0), Assert.Single(cuts) is var c ? (c.MatchId, c.Rule, c.Before, c.After) : default);

        var (none, floor, _, _) = PortfolioRisk.Apply([Bet("m1", 10)], [], 400, 1000, 1000, limits);
        Assert.Empty(none);
        Assert.Equal("bankroll-floor", Assert.Single(floor).Rule);
    }

    [Fact]
    public void ProbabilityOfBacktestOverfitting()
    {
        // One trial best in every season: the in-sample winner is the out-of-sample winner, PBO 0.
        double[][] consistent =
        [
            [0.10, 0.12, 0.09, 0.11],
            [0.01, -0.02, 0.00, 0.02],
            [-0.05, 0.03, -0.01, 0.00],
        ];
        Assert.Equal(0, Orleans.Betting.Quant.BacktestOverfitting.Probability(consistent));

        // Every trial shines in exactly two of four seasons (all six ways): whatever wins in sample
        // is the worst out of sample, PBO 1.
        var combos = new[] { (0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3) };
        var luck = combos.Select(c => Enumerable.Range(0, 4).Select(p => p == c.Item1 || p == c.Item2 ? 0.2 : -0.1).ToArray()).ToArray();
        Assert.Equal(1, Orleans.Betting.Quant.BacktestOverfitting.Probability(luck));

        Assert.Null(
            Orleans.Betting.Quant.BacktestOverfitting.Probability([
                [0.1, 0.2],
            ])
        );
        BacktestFigures Figures(int bets, double roi) =>
            new(bets, bets / 2, bets, bets * roi, roi, 0.5, 2.1, 0.1, 0.1, 2, null, 0, 0, 0, 1000);
        Assert.Contains(
            ReviewRules.Flags(Figures(300, 0.12), Figures(150, 0.10), 0.999, new ReviewSettings(), pbo: 0.8),
            f => f.Contains("probability of backtest overfitting")
        );
        Assert.Empty(ReviewRules.Flags(Figures(300, 0.12), Figures(150, 0.10), 0.999, new ReviewSettings(), pbo: 0.2));
    }

    [Fact]
    public void ConsensusWeightsFollowTheLiveRecordAndDecayIsFlagged()
    {
        Assert.Equal(1, TrackRecordRules.Weight(0, 0.5));
        Assert.Equal(1.5, TrackRecordRules.Weight(50, 0.5), 10); // half-way to double at 50 bets
        Assert.Equal(1 - 0.75 * 450 / 500.0, TrackRecordRules.Weight(450, -0.6), 10); // losers fade towards a quarter
        Assert.True(TrackRecordRules.Decaying(40, -0.08, -0.02, 30));
        Assert.False(TrackRecordRules.Decaying(20, -0.08, -0.02, 30)); // too few bets to judge
        Assert.False(TrackRecordRules.Decaying(40, -0.08, 0.03, 30)); // beating the close: bad luck, not decay
    }

    [Fact]
    public void OutcomeKeysAndDrawdown()
    {
        Assert.Equal(new Selection(MarketType.OverUnder, Outcome.Over, 2.5), Selection.Parse("over 2.5"));
        Assert.Equal(new Selection(MarketType.AsianHandicap, Outcome.Away, -0.75), Selection.Parse("ah away -0.75"));
        Assert.Equal(new Selection(MarketType.MatchOdds, Outcome.Draw), Selection.Parse("draw"));
        Assert.False(Selection.TryParse("corners 9.5", out _));
        Assert.Equal(new Selection(MarketType.MoneyLine, Outcome.Away), Selection.Parse("ml away"));
        Assert.False(Selection.TryParse("ml draw", out _)); // a money line has no draw

        var t = DateTime.UnixEpoch;
        Assert.Equal(0.25, Drawdown.MaxShare(1000, [new(t, 1200), new(t, 900), new(t, 1100), new(t, 1000)]), 10);
        Assert.Equal(Math.Sqrt(0.4), Redundancy.Correlation([1, 0, 0, 1, 0, 0], [1, 0, 0, 0, 0, 0]), 10); // (2/3) / √((4/3)(5/6))
        Assert.Equal(0, Redundancy.Correlation([0, 0, 0], [1, 0, 2]));
    }

    [Fact]
    public void NearTwinsAreRedundantBetForBetEvenWhenOneSkipsMatches()
    {
        // A bets on 300 matches (wins pay +1.1, losses −1); B places the same bets but skips every tenth match.
        var random = new Random(1501);
        var a = Enumerable
            .Range(0, 300)
            .ToDictionary(i => $"S1/2021-2022/m{i:000}|MatchOdds|Home|0", _ => random.NextDouble() < 0.48 ? 1.1 : -1.0);
        var b = a.Where((_, i) => i % 10 != 9).ToDictionary(p => p.Key, p => p.Value);

        var (correlation, overlap) = Redundancy.Compare(a, b);
        Assert.True(correlation > 0.9, $"keyed correlation {correlation:F3}");
        Assert.Equal(270 / 300.0, overlap, 10);

        // The old pairing by bet index: after the first skipped match every pair is off by one or more.
        var byIndex = Redundancy.Correlation(a.Values.ToList(), b.Values.ToList());
        Assert.True(byIndex < 0.3, $"index-paired correlation {byIndex:F3}");

        // Disjoint bets share nothing; the same bets on different matches are not twins.
        var elsewhere = a.ToDictionary(p => p.Key.Replace("2021-2022", "2022-2023", StringComparison.Ordinal), p => p.Value);
        var (apart, none) = Redundancy.Compare(a, elsewhere);
        Assert.Equal(0, none);
        Assert.True(apart < 0, $"disjoint bets correlate {apart:F3}");

        // Keys: several bets on the same thing add up; a key per return is required.
        Assert.Equal(0.5, Redundancy.Keyed(["x", "x", "y"], [1.0, -0.5, 2.0])["x"]);
        Assert.Throws<ArgumentException>(() => Redundancy.Keyed(["x"], [1.0, 2.0]));
    }
}
