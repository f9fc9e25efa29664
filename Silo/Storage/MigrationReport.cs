namespace Orleans.Betting.Silo.Storage;

/// <summary>What one migration run did.</summary>
public sealed record MigrationReport(
    DatabaseEngine Engine,
    string Database,
    int QueryCount,
    string Checksum,
    bool Changed,
    TimeSpan Elapsed
)
{
    /// <summary>The role granted what the silos need, when the migration was asked to.</summary>
    public string? RuntimeRole { get; init; }
}
