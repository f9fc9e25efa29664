namespace Orleans.Betting.Clock;

[GenerateSerializer, Immutable]
[Alias("betting.ClockStatus")]
public sealed record ClockStatus(
    [property: Id(0)] DateTime NowUtc,
    [property: Id(1)] double Speed,
    [property: Id(2)] bool Paused,
    [property: Id(3)] DateTime StartUtc,
    [property: Id(4)] DateTime? EndUtc,
    [property: Id(5)] string Mode,
    [property: Id(6)] string Market,
    [property: Id(7)] DateTime? HoldUtc = null
)
{
    /// <summary>The mode of a clock the orchestrator configured to replay a market (else "Live": the live market's own time).</summary>
    public const string ReplayMode = "Replay";
}
