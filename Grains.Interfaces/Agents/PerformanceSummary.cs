namespace Orleans.Betting.Agents;

[GenerateSerializer, Immutable]
[Alias("betting.PerformanceSummary")]
public sealed record PerformanceSummary(
    [property: Id(0)] int Settled,
    [property: Id(1)] double Profit,
    [property: Id(2)] double Roi,
    [property: Id(3)] double? MeanClv,
    [property: Id(4)] double MaxDrawdownShare,
    [property: Id(5)] int StillOpen
);
