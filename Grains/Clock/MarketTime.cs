namespace Orleans.Betting.Clock;

/// <summary>
/// The live market's time, kept apart from the runtime's clock: Orleans reads the DI
/// <see cref="TimeProvider"/> (activation collection, the directory, the watchdog) and must keep
/// wall time, while the market may run accelerated. In production this is the wall clock; with
/// <c>Betting:Clock:LiveStartUtc</c> set (the Embedded simulator) the market starts there at the
/// anchor and runs at <c>Betting:Clock:Speed</c> market seconds per wall second — the same for the
/// simulator and every silo that shares the anchor, and time goes on while a silo is down, as it does live.
/// </summary>
public sealed class MarketTime
{
    private readonly TimeProvider wall;
    private readonly DateTime? startUtc;
    private readonly DateTime anchorWallUtc;

    public MarketTime(TimeProvider wall, DateTime? startUtc = null, DateTime? anchorWallUtc = null, double speed = 1)
    {
        ArgumentNullException.ThrowIfNull(wall);
        if (!(speed > 0) || !double.IsFinite(speed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "market seconds per wall second must be positive");
        }

        this.wall = wall;
        this.startUtc = startUtc is { } s ? DateTime.SpecifyKind(s, DateTimeKind.Utc) : null;
        this.anchorWallUtc = anchorWallUtc is { } a ? DateTime.SpecifyKind(a, DateTimeKind.Utc) : wall.GetUtcNow().UtcDateTime;
        Speed = startUtc is null ? 1 : speed;
    }

    public bool Accelerated => startUtc is not null;

    /// <summary>The market time at the anchor (null on the wall clock).</summary>
    public DateTime? StartUtc => startUtc;

    /// <summary>The wall time at which the market stood at <see cref="StartUtc"/>.</summary>
    public DateTime AnchorWallUtc => anchorWallUtc;

    /// <summary>The configuration another process needs to share this market time (<c>Betting:Clock:*</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings() =>
        startUtc is { } start
            ? new Dictionary<string, string>
            {
                ["Betting:Clock:Speed"] = Speed.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                ["Betting:Clock:LiveStartUtc"] = start.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["Betting:Clock:LiveAnchorUtc"] = anchorWallUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            }
            : new Dictionary<string, string>();

    /// <summary>Market seconds per wall second (1 on the wall clock).</summary>
    public double Speed { get; }

    public DateTime UtcNow =>
        startUtc is { } start ? start + (wall.GetUtcNow().UtcDateTime - anchorWallUtc) * Speed : wall.GetUtcNow().UtcDateTime;

    /// <summary>The wall time a market interval takes (a poll every 60 market seconds at ×3600 is every 17 ms of wall time).</summary>
    public TimeSpan WallTime(TimeSpan market) => market / Speed;

    public override string ToString() =>
        Accelerated ? $"market time from {startUtc:u} at ×{Speed:0.##} (anchored {anchorWallUtc:u})" : "wall clock";
}
