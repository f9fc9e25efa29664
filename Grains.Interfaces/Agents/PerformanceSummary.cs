namespace Orleans.Betting.Agents;

[GenerateSerializer, Immutable]
public sealed record PerformanceSummary(
    [property: Id(0)] int Settled,
    [property: Id(1)] double Profit,
    [property: Id(2)] double Roi,
    [property: Id(3)] double? MeanClv,
    [property: Id(4)] double MaxDrawdown,
    [property: Id(5)] int StillOpen
);
