using Orleans.Betting.Agents;
using Orleans.Betting.Agents.Decisions;
using Orleans.Betting.Ledger;
using Orleans.Betting.Market;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Tests.Agents;

/// <summary>The risk manager's portfolio sizing: Kelly together, drawdown de-risking, the caps, each cut and veto with its rule.</summary>
public sealed class PortfolioRiskTests
{
    private static readonly DateTime Kickoff = new(2024, 3, 9, 15, 0, 0, DateTimeKind.Utc);

    private static PaperBet Bet(
        string match,
        double price,
        double? p,
        string selection = "home",
        string league = "E0",
        string? book = null,
        double stake = 5
    ) =>
        new(
            $"t:{match}:{selection}",
            match,
            league,
            "2023-2024",
            Kickoff,
            match,
            Selection.Parse(selection),
            price,
            PriceSource.Bet365,
            stake,
            Kickoff.AddHours(-2),
            1,
            Bookmaker: book,
            Probability: p
        );

    /// <summary>Loose caps, so only Kelly and the drawdown shape the stakes.</summary>
    private static readonly RiskLimits Loose = new(
        MaxPerMatch: 1,
        MaxPerDay: 1,
        MaxPerLeague: 1,
        BankrollFloor: 0.5,
        MinStake: 0.01,
        MaxPerBookmaker: 1
    );

    [Fact]
    public void TheDaysBetsAreSizedTogetherBelowTheirIndependentStakes()
    {
        var day = Enumerable.Range(0, 8).Select(i => Bet($"m{i}", 2.3 + 0.1 * i, 0.47)).ToList();
        var r = PortfolioRisk.Apply(day, [], 1000, 1000, 1000, Loose);

        Assert.Equal(8, r.Accepted.Count);
        var independent = day.Sum(b => 0.25 * Kelly.Single(b.Price, b.Probability!.Value) * 1000);
        Assert.Equal(Math.Round(independent, 2), r.Sizing.IndependentStake, 2);
        Assert.True(r.Sizing.FinalStake < r.Sizing.IndependentStake, $"{r.Sizing.FinalStake} together, {r.Sizing.IndependentStake} apart");
        Assert.Equal(r.Sizing.FinalStake, r.Accepted.Sum(b => b.Stake), 6);
        // Each stake is a quarter of its simultaneous Kelly fraction of the bankroll; each cut says so with its figures.
        var solved = SimultaneousKelly.Solve(day.Select(b => new KellyPosition(PortfolioRisk.EventOf(b), "Home", b.Price, 0.47)).ToList());
        for (var i = 0; i < day.Count; i++)
        {
            Assert.Equal(Math.Round(0.25 * solved.Fractions[i] * 1000, 2), r.Accepted.Single(b => b.MatchId == day[i].MatchId).Stake, 2);
        }

        Assert.Equal(8, r.Cuts.Count(c => c.Rule == "portfolio-kelly"));
        Assert.All(r.Cuts, c => Assert.True(c.After < c.Before));
    }

    [Theory]
    [InlineData(1000, 1.0)] // at the peak
    [InlineData(960, 1.0)] // 4 %: under the 5 % from which stakes come down
    [InlineData(850, 0.625)] // 15 %: half way from 5 % to 25 %, so half way from 1 to 0.25
    [InlineData(700, 0.25)] // 30 %: the floor of the scale
    public void StakesComeDownAsTheDrawdownDeepensAndBackAsItRecovers(double bankroll, double scale)
    {
        var day = new[] { Bet("a", 2.5, 0.45), Bet("b", 3.1, 0.36) };
        var atPeak = PortfolioRisk.Apply(day, [], bankroll, 600, bankroll, Loose);
        var inDrawdown = PortfolioRisk.Apply(day, [], bankroll, 600, 1000, Loose);
        Assert.Equal(scale, inDrawdown.Sizing.DeRiskScale, 9);
        for (var i = 0; i < day.Length; i++)
        {
            Assert.Equal(atPeak.Accepted[i].Stake * scale, inDrawdown.Accepted[i].Stake, 1);
        }

        Assert.Equal(scale < 1 ? 2 : 0, inDrawdown.Cuts.Count(c => c.Rule == "drawdown"));
        if (scale < 1)
        {
            Assert.Contains(
                $"drawdown {(1000 - bankroll) / 1000:P1}",
                inDrawdown.Cuts.First(c => c.Rule == "drawdown").Reason,
                StringComparison.Ordinal
            );
        }
    }

    [Fact]
    public void TheCapsCutTheWeakestEdgeFirstAndNameTheirRule()
    {
        var limits = Loose with { MaxPerBookmaker = 0.05, MinStake = 1 };
        // Three bets at one bookmaker with 50 of room there: the strongest edge is stood first, in full.
        var day = new[]
        {
            Bet("weak", 2.1, 0.50, book: "williamhill"),
            Bet("strong", 2.6, 0.48, book: "williamhill"),
            Bet("mid", 2.3, 0.49, book: "williamhill"),
        };
        var r = PortfolioRisk.Apply(day, [], 1000, 1000, 1000, limits);
        var strong = r.Accepted.Single(b => b.MatchId == "strong");
        Assert.Equal(50, r.Accepted.Sum(b => b.Stake), 2);
        Assert.DoesNotContain(r.Cuts, c => c.MatchId == "strong" && c.Rule == "max-per-bookmaker");
        Assert.True(strong.Stake > 25, $"{strong.Stake}");
        var mid = Assert.Single(r.Cuts, c => c.Rule == "max-per-bookmaker");
        Assert.Equal("mid", mid.MatchId);
        Assert.Equal(Math.Round(50 - strong.Stake, 2), mid.After, 2);
        Assert.Contains("williamhill", mid.Reason, StringComparison.Ordinal);
        var weak = Assert.Single(r.Vetoes);
        Assert.Equal(("weak", "max-per-bookmaker"), (weak.MatchId, weak.Rule));
    }

    [Fact]
    public void AnOpenBetOnTheMatchHoldsItsRoomAndItsRisk()
    {
        var fresh = PortfolioRisk.Apply([Bet("a", 2.4, 0.47)], [], 1000, 1000, 1000, Loose);
        var open = Bet("b", 2.4, 0.47, stake: 20) with { Id = "open" };
        var beside = PortfolioRisk.Apply([Bet("a", 2.4, 0.47)], [open], 1000, 1000, 1000, Loose);
        Assert.True(beside.Accepted[0].Stake < fresh.Accepted[0].Stake);

        // The same outcome already held at its fractional Kelly stake (a quarter of 9.1 %): the new one adds nothing and is vetoed so.
        var held = Bet("a", 2.4, 0.47, stake: 23) with
        {
            Id = "held",
        };
        var again = PortfolioRisk.Apply([Bet("a", 2.4, 0.47)], [held], 1000, 1000, 1000, Loose);
        Assert.Equal("portfolio-kelly", Assert.Single(again.Vetoes).Rule);
    }

    [Fact]
    public void BelowTheFloorEverythingIsVetoedWithTheFigures()
    {
        var r = PortfolioRisk.Apply([Bet("a", 2.4, 0.47), Bet("b", 2.1, 0.5)], [], 450, 1000, 1000, new RiskLimits());
        Assert.Empty(r.Accepted);
        Assert.All(r.Vetoes, v => Assert.Equal("bankroll-floor", v.Rule));
        Assert.Contains("450.00 below the floor 500.00", r.Vetoes[0].Reason, StringComparison.Ordinal);
    }
}
