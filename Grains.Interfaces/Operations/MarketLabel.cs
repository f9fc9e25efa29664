namespace Orleans.Betting.Operations;

/// <summary>
/// Which market the figures come from, as every screen says it: a demo (simulated) market says that its
/// profit is the plant's, not skill (<see cref="IsDemo"/>). <see cref="Speed"/> is market seconds per wall
/// second (1 on the wall clock) and <see cref="MarketTimeUtc"/> the market's time when asked.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("betting.MarketLabel")]
public sealed record MarketLabel(
    [property: Id(0)] string Text,
    [property: Id(1)] bool IsDemo,
    [property: Id(2)] double Speed = 1,
    [property: Id(3)] DateTime? MarketTimeUtc = null
);
