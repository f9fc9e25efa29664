using Orleans.Betting.Market;
using Orleans.Betting.Market.Live;

namespace Orleans.Betting.Tests.Market;

public sealed class SteamDetectorTests
{
    private static readonly DateTime T0 = new(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);
    private static readonly SteamSettings Settings = new(MinMove: 0.04, WindowMinutes: 10, MinBookmakers: 3);

    private static Dictionary<PriceSeriesKey, List<PricePoint>> Series(params (string Book, (int Minute, double Price)[] Points)[] books) =>
        books.ToDictionary(
            b => new PriceSeriesKey("h2h", "Arsenal", null, b.Book),
            b => b.Points.Select(p => new PricePoint(T0.AddMinutes(p.Minute), p.Price)).ToList()
        );

    [Fact]
    public void ThreeBooksShorteningTogetherIsSteamLedByTheFirstMover()
    {
        var series = Series(
            ("pinnacle", [(0, 2.50), (3, 2.05)]),
            ("williamhill", [(0, 2.40), (5, 2.30), (7, 2.00)]),
            ("skybet", [(0, 2.45), (8, 2.05)])
        );

        var steam = Assert.Single(SteamDetector.Detect(series, Settings, []));
        Assert.Equal(("h2h", "Arsenal", 1, "shortening"), (steam.Market, steam.Outcome, steam.Direction, steam.Kind));
        Assert.Equal(["pinnacle", "williamhill", "skybet"], steam.Bookmakers);
        Assert.Equal("pinnacle", steam.FirstMover);
        Assert.Equal((0.4, 0.4878), (steam.FromProbability, steam.ToProbability));
        Assert.Equal(T0.AddMinutes(8), steam.DetectedUtc);

        // Reported once: the same move within the window is not news again.
        Assert.Empty(SteamDetector.Detect(series, Settings, [steam]));
    }

    [Fact]
    public void TooFewBooksASlowDriftOrMixedDirectionsAreNotSteam()
    {
        Assert.Empty(
            SteamDetector.Detect(Series(("pinnacle", [(0, 2.50), (3, 2.05)]), ("williamhill", [(0, 2.40), (7, 2.00)])), Settings, [])
        );

        // The same total move spread over an hour: no more than 4 points inside any 10 minutes.
        Assert.Empty(
            SteamDetector.Detect(
                Series(
                    ("pinnacle", [(0, 2.50), (20, 2.35), (40, 2.20), (60, 2.05)]),
                    ("williamhill", [(0, 2.40), (20, 2.25), (40, 2.12), (60, 2.00)]),
                    ("skybet", [(0, 2.45), (20, 2.30), (40, 2.17), (60, 2.05)])
                ),
                Settings,
                []
            )
        );

        Assert.Empty(
            SteamDetector.Detect(
                Series(("pinnacle", [(0, 2.50), (3, 2.05)]), ("williamhill", [(0, 2.40), (7, 2.00)]), ("skybet", [(0, 2.05), (8, 2.50)])),
                Settings,
                []
            )
        );
    }

    [Fact]
    public void DriftingPricesAreSteamTheOtherWay()
    {
        var steam = Assert.Single(
            SteamDetector.Detect(
                Series(
                    ("pinnacle", [(0, 2.00), (2, 2.60)]),
                    ("betfair_ex_eu", [(0, 2.02), (2, 2.62)]),
                    ("marathonbet", [(0, 1.95), (4, 2.50)])
                ),
                Settings,
                []
            )
        );
        Assert.Equal((-1, "drifting"), (steam.Direction, steam.Kind));
        Assert.Equal(["betfair_ex_eu", "pinnacle", "marathonbet"], steam.Bookmakers); // ties broken by name
    }
}
