using Orleans.Betting.Health;

namespace Orleans.Betting.Tests.Health;

public sealed class SeriesRetentionTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void ASeriesSilentForItsWholeWindowGoesTheOthersStay()
    {
        var horizon = SeriesRetention.Horizon(360, TimeSpan.FromSeconds(5)); // 30 min window: kept an hour
        Assert.Equal(TimeSpan.FromHours(1), horizon);
        Assert.Equal(TimeSpan.FromHours(10), SeriesRetention.Horizon(360, TimeSpan.FromSeconds(100)));
        var series = new Dictionary<string, List<SeriesPoint>>
        {
            ["silo:127.0.0.1:11111:memory_mb"] = [new(Now.AddSeconds(-5), 300)],
            ["silo:S127.0.0.1:11111:412345678:memory_mb"] = [new(Now.AddDays(-3), 280)], // a generation-keyed series of an old incarnation
            ["api:odds:attempts"] = [new(Now.AddMinutes(-61), 1), new(Now.AddMinutes(-59), 0)],
            ["empty"] = [],
        };
        Assert.Equal(["silo:S127.0.0.1:11111:412345678:memory_mb", "empty"], SeriesRetention.Stale(series, Now, horizon));
    }
}
