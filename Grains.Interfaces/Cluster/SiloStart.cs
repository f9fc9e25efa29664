namespace Orleans.Betting.Cluster;

[GenerateSerializer, Immutable]
[Alias("betting.SiloStart")]
public sealed record SiloStart(
    [property: Id(0)] string SiloAddress,
    [property: Id(1)] string SiloName,
    [property: Id(2)] string HostName,
    [property: Id(3)] string Profile,
    [property: Id(4)] string Storage,
    [property: Id(5)] DateTime StartedUtc
);
