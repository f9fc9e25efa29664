using System.Text.Json;

namespace Orleans.Betting.Silo.Simulation;

/// <summary>
/// Where the Embedded live market's accelerated time is anchored, kept in the data directory so a
/// restarted silo continues the same market (time went on while it was down, as it does live).
/// A different history or speed starts a new market.
/// </summary>
public sealed record LiveClockAnchor(string History, DateTime StartUtc, DateTime AnchorUtc, double Speed)
{
    public const string FileName = "live-clock.json";

    public static LiveClockAnchor LoadOrCreate(string dataDirectory, string history, DateTime startUtc, double speed, DateTime wallNowUtc)
    {
        var path = Path.Combine(dataDirectory, FileName);
        try
        {
            if (File.Exists(path) && JsonSerializer.Deserialize<LiveClockAnchor>(File.ReadAllText(path)) is { } known)
            {
                if (known.History == history && known.Speed.Equals(speed))
                {
                    return known with
                    {
                        StartUtc = DateTime.SpecifyKind(known.StartUtc, DateTimeKind.Utc),
                        AnchorUtc = DateTime.SpecifyKind(known.AnchorUtc, DateTimeKind.Utc),
                    };
                }
            }
        }
        catch (JsonException)
        {
            // An unreadable anchor starts a new market (said in the banner's market line).
        }

        var anchor = new LiveClockAnchor(history, startUtc, wallNowUtc, speed);
        Security.PrivateFiles.CreateDirectory(dataDirectory);
        File.WriteAllText(path, JsonSerializer.Serialize(anchor));
        return anchor;
    }
}
