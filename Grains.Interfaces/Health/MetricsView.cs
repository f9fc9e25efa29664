namespace Orleans.Betting.Health;

/// <summary>The latest points of the monitored series (the client's `metrics` view).</summary>
[GenerateSerializer, Immutable]
[Alias("betting.MetricsView")]
public sealed record MetricsView(
    [property: Id(0)] IReadOnlyDictionary<string, IReadOnlyList<SeriesPoint>> Series,
    [property: Id(1)] DateTime? LastSampleUtc,
    [property: Id(2)] long Samples,
    [property: Id(3)] int OpenIncidents
);
