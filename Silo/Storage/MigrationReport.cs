namespace Orleans.Betting.Silo.Storage;

/// <summary>What one migration run did.</summary>
public sealed record MigrationReport(
    DatabaseEngine Engine,
    string Database,
    int QueryCount,
    string Checksum,
    bool Changed,
    TimeSpan Elapsed
);
