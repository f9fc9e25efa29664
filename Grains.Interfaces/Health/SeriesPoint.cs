namespace Orleans.Betting.Health;

/// <summary>One point of a monitored series.</summary>
[GenerateSerializer]
[Alias("betting.SeriesPoint")]
public readonly record struct SeriesPoint([property: Id(0)] DateTime AtUtc, [property: Id(1)] double Value);
