namespace Orleans.Betting.Health;

/// <summary>
/// One silo's host as its auditor measured it: the data directory's disk (free and total, MB) and the bytes our
/// data files take there (MB; the SQLite database on the embedded profile, 0 where the database is elsewhere), and
/// the network interfaces' traffic and errors over the last audit interval (bytes per second; errors and discarded
/// packets per minute). Null where the platform does not say.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("betting.HostFigures")]
public sealed record HostFigures(
    [property: Id(0)] string Silo,
    [property: Id(1)] DateTime AtUtc,
    [property: Id(2)] string DataDirectory,
    [property: Id(3)] double? DiskFreeMb,
    [property: Id(4)] double? DiskTotalMb,
    [property: Id(5)] double DataMb,
    [property: Id(6)] double? NetSentBytesPerSecond,
    [property: Id(7)] double? NetReceivedBytesPerSecond,
    [property: Id(8)] double? NetErrorsPerMinute
);
