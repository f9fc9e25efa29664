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

    [ClientReadable]
    Task<ClusterJournal> GetAsync();
}
