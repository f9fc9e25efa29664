namespace Orleans.Betting;

/// <summary>Names of the grain storage providers every silo profile registers.</summary>
public static class StorageNames
{
    /// <summary>The ADO.NET grain storage (SQLite file in Embedded, PostgreSQL in Cluster/Kubernetes).</summary>
    public const string Betting = "betting";
}
