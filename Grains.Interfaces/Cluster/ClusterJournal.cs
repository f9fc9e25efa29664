namespace Orleans.Betting.Cluster;

[GenerateSerializer, Immutable]
[Alias("betting.ClusterJournal")]
public sealed record ClusterJournal(
    [property: Id(0)] int TotalStarts,
    [property: Id(1)] DateTime? FirstStartUtc,
    [property: Id(2)] IReadOnlyList<SiloStart> RecentStarts
);
