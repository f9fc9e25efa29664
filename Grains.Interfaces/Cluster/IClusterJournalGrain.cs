namespace Orleans.Betting.Cluster;

/// <summary>
/// The cluster's own persisted journal of silo starts (key: <see cref="Key"/>). Every silo records
/// itself here when it becomes active, so operators can see restarts and which profile ran, and the
/// journal's survival across restarts proves the grain storage works end to end.
/// </summary>
public interface IClusterJournalGrain : IGrainWithStringKey
{
    const string Key = "cluster";

    Task RecordSiloStartAsync(SiloStart start);

    Task<ClusterJournal> GetAsync();
}

[GenerateSerializer, Immutable]
public sealed record SiloStart(
    [property: Id(0)] string SiloAddress,
    [property: Id(1)] string SiloName,
    [property: Id(2)] string HostName,
    [property: Id(3)] string Profile,
    [property: Id(4)] string Storage,
    [property: Id(5)] DateTime StartedUtc);

[GenerateSerializer, Immutable]
public sealed record ClusterJournal(
    [property: Id(0)] int TotalStarts,
    [property: Id(1)] DateTime? FirstStartUtc,
    [property: Id(2)] IReadOnlyList<SiloStart> RecentStarts);
