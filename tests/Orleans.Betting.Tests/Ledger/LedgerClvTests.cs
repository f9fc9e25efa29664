using Orleans.Betting.Ledger;
using Orleans.Betting.Market;

namespace Orleans.Betting.Tests.Ledger;

/// <summary>
/// Live CLV has the backtest's definition: the price times the outcome's probability in Pinnacle's
/// closing book with its margin removed, minus one; no sharp close, no CLV.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LedgerClvTests(ClusterFixture fixture)
{
    private static readonly DateTime Kickoff = new(2031, 3, 1, 15, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task ABetIsMeasuredAgainstTheDeMarginedSharpCloseAndNeverAgainstASoftBooksOwnClose()
    {
        var league = $"CLV{Guid.NewGuid():N}"[..12];
        const string season = "2030-2031";
        Quote Q(PriceSource s, MarketType m, Outcome o, double line, double price) => new(s, m, o, line, Phase.Closing, price);
        MatchRecord Match(string home, Quote[] quotes) =>
            new(
                MatchId.Format(league, season, Kickoff, home, "Away FC"),
                league,
                season,
                Kickoff,
                home,
                "Away FC",
                new MatchResult(2, 1, null, null),
                quotes
            );

        // A 1.95/1.95 total closes a fair 50 %: a bet at 2.00 has CLV 0 (the raw close would say +2.6 %).
        var even = Match(
            "Even",
            [
                Q(PriceSource.Pinnacle, MarketType.OverUnder, Outcome.Over, 2.5, 1.95),
                Q(PriceSource.Pinnacle, MarketType.OverUnder, Outcome.Under, 2.5, 1.95),
            ]
        );
        // Pinnacle's 1X2 close 2.00/3.60/4.20 (booksum 1.0159): home's fair probability 0.4922.
        var home = Match(
            "Home",
            [
                Q(PriceSource.Pinnacle, MarketType.MatchOdds, Outcome.Home, 0, 2.00),
                Q(PriceSource.Pinnacle, MarketType.MatchOdds, Outcome.Draw, 0, 3.60),
                Q(PriceSource.Pinnacle, MarketType.MatchOdds, Outcome.Away, 0, 4.20),
            ]
        );
        // Only the soft book closes: there is no sharp close to measure against.
        var soft = Match("Soft", [Q(PriceSource.Bet365, MarketType.MatchOdds, Outcome.Home, 0, 1.80)]);
        await fixture.Grains.LeagueSeason(league, season).UpsertAsync(new SeasonData(league, season, [even, home, soft], "test"));

        PaperBet Bet(MatchRecord m, string outcome, double price) =>
            new(
                $"{m.Id}:{outcome}",
                m.Id,
                league,
                season,
                Kickoff,
                m.HomeTeam,
                Selection.Parse(outcome),
                price,
                PriceSource.Bet365,
                10,
                Kickoff.AddDays(-1),
                1
            );
        var ledger = fixture.Grains.GetGrain<ILedgerGrain>($"clv-{league}");
        await ledger.PlaceAsync([Bet(even, "over 2.5", 2.00), Bet(home, "home", 2.10), Bet(soft, "home", 2.00)]);
        Assert.Equal(3, (await ledger.SettleAsync(Kickoff.AddDays(1))).Settled);

        var bets = (await ledger.GetBetsAsync()).ToDictionary(b => b.Match);
        Assert.Equal(0, bets["Even"].Clv!.Value, 12);
        Assert.Equal(1.95, bets["Even"].ClosingPrice);
        var fairHome = 1 / 2.00 / (1 / 2.00 + 1 / 3.60 + 1 / 4.20);
        Assert.Equal(2.10 * fairHome - 1, bets["Home"].Clv!.Value, 12);
        Assert.Null(bets["Soft"].Clv);
        Assert.Null(bets["Soft"].ClosingPrice);

        // The report's mean is over the bets that have a sharp close.
        var report = await ledger.GetReportAsync();
        Assert.Equal((0 + (2.10 * fairHome - 1)) / 2, report.MeanClv!.Value, 12);
    }
}
