using Orleans.Betting.Silo.Storage;
using Orleans.TestingHost;

namespace Orleans.Betting.Tests.Infrastructure;

/// <summary>The shared in-process test cluster (two silos, SQLite grain storage) for grain tests.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly TempDirectory directory = new("cluster");
    private StorageCluster? storageCluster;

    public TestCluster Cluster => storageCluster?.Cluster ?? throw new InvalidOperationException("cluster not started");

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        var database = DatabaseTarget.SqliteFile(Path.Combine(directory.Path, "grains.db"));
        storageCluster = await StorageCluster.StartAsync(database, "fixture", silos: 2);
    }

    public async Task DisposeAsync()
    {
        if (storageCluster is not null)
        {
            await storageCluster.DisposeAsync();
        }

        directory.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
