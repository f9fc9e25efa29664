using Orleans.Betting.Agents;
using Orleans.Betting.Agents.Decisions;
using Orleans.Betting.Market;
using Orleans.Betting.Market.Live;

namespace Orleans.Betting.Tests.Agents;

/// <summary>Steam in our terms, and when it stands against a pick.</summary>
public sealed class SteamCheckTests
{
    private static readonly DateTime Now = new(2024, 3, 2, 12, 0, 0, DateTimeKind.Utc);

    private static SteamSignal S(string selection, string kind, double hoursAgo, string eventId = "e1") =>
        new(
            "soccer_epl",
            eventId,
            Selection.Parse(selection),
            kind,
            0.40,
            kind == "shortening" ? 0.46 : 0.34,
            Now.AddHours(-hoursAgo),
            "pinnacle, first pinnacle"
        );

    [Fact]
    public void MoneyOnTheOtherSideOrOffThisOneIsAgainstAPick()
    {
        var home = Selection.Parse("home");
        Assert.Contains(
            "steam against home: away shortening",
            SteamCheck.Against(home, [S("away", "shortening", 1)], Now),
            StringComparison.Ordinal
        );
        Assert.Contains("home drifting", SteamCheck.Against(home, [S("home", "drifting", 1)], Now), StringComparison.Ordinal);
        // Money on the pick itself, or on another market, or too long ago, or not yet seen: not against.
        Assert.Null(SteamCheck.Against(home, [S("home", "shortening", 1)], Now));
        Assert.Null(SteamCheck.Against(home, [S("over 2.5", "shortening", 1)], Now));
        Assert.Null(SteamCheck.Against(home, [S("away", "shortening", 13)], Now));
        Assert.Null(SteamCheck.Against(home, [S("away", "shortening", -1)], Now));
        // Lines must match: money on under 2.5 is against over 2.5, not over 3.5.
        Assert.NotNull(SteamCheck.Against(Selection.Parse("over 2.5"), [S("under 2.5", "shortening", 2)], Now));
        Assert.Null(SteamCheck.Against(Selection.Parse("over 3.5"), [S("under 2.5", "shortening", 2)], Now));
        // The latest of several moves is the one named.
        var named = SteamCheck.Against(home, [S("away", "shortening", 5), S("draw", "shortening", 1)], Now)!;
        Assert.Contains("draw shortening", named, StringComparison.Ordinal);
    }

    [Fact]
    public void AnApiMarketAndOutcomeMapAsTheEventsPricesDo()
    {
        Assert.Equal(Selection.Parse("home"), LiveEventMapper.SelectionOf("soccer_epl", "h2h", "Arsenal", null, "Arsenal", "Chelsea"));
        Assert.Equal(Selection.Parse("draw"), LiveEventMapper.SelectionOf("soccer_epl", "h2h", "Draw", null, "Arsenal", "Chelsea"));
        Assert.Equal(Selection.Parse("away"), LiveEventMapper.SelectionOf("soccer_epl", "h2h", "Chelsea", null, "Arsenal", "Chelsea"));
        Assert.Equal(Selection.Parse("over 2.5"), LiveEventMapper.SelectionOf("soccer_epl", "totals", "Over", 2.5, "Arsenal", "Chelsea"));
        Assert.Equal(
            MarketType.MoneyLine,
            LiveEventMapper.SelectionOf("basketball_nba", "h2h", "Lakers", null, "Lakers", "Celtics")!.Market
        );
        // Our handicap line is the home side's: the away outcome's point is negated.
        var away = LiveEventMapper.SelectionOf("soccer_epl", "spreads", "Chelsea", 0.5, "Arsenal", "Chelsea")!;
        Assert.Equal((MarketType.AsianHandicap, Outcome.Away, -0.5), (away.Market, away.Outcome, away.LineOrNaN));
        Assert.Null(LiveEventMapper.SelectionOf("soccer_epl", "h2h", "Spurs", null, "Arsenal", "Chelsea"));
        Assert.Null(LiveEventMapper.SelectionOf("soccer_epl", "btts", "Yes", null, "Arsenal", "Chelsea"));
    }
}

/// <summary>Stale lines on a live event: a book's price well above the sharp book's current one.</summary>
public sealed class StaleBooksTests
{
    private static MarketLine Line(string outcome, double best, string book, double reference) =>
        new("h2h", outcome, null, best, book, "pinnacle", reference, reference, 6, 3);

    [Fact]
    public void ABookWellAboveTheSharpCurrentPriceIsStale()
    {
        var e = new LiveEventView(
            "ev1",
            "soccer_epl",
            "Arsenal",
            "Chelsea",
            DateTime.UnixEpoch,
            [Line("Arsenal", 2.40, "bet365", 2.10), Line("Draw", 3.55, "unibet", 3.40), Line("Chelsea", 4.00, "pinnacle", 3.60)],
            [],
            3,
            DateTime.UnixEpoch
        );
        var stale = Orleans.Betting.Agents.Decisions.StaleBooks.Find(e);
        // 2.40 against 2.10 is 14.3 % above: stale. 3.55 against 3.40 is 4.4 %: not. The sharp book itself is never stale.
        var line = Assert.Single(stale);
        Assert.Equal("stale|ev1|h2h|Arsenal|-|bet365", line.Key);
        Assert.Equal("Stale line: Arsenal v Chelsea h2h Arsenal: bet365 offers 2.40, 14.3 % above pinnacle's 2.10", line.Text);
        Assert.Equal(2, Orleans.Betting.Agents.Decisions.StaleBooks.Find(e, 0.04).Count);
    }
}
