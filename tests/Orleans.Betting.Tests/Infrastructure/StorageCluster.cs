using Microsoft.Extensions.Configuration;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Silo.Hosting;
using Orleans.Betting.Silo.Storage;
using Orleans.TestingHost;

namespace Orleans.Betting.Tests.Infrastructure;

/// <summary>An in-process TestingHost cluster whose grain state and reminders live in a real database
/// (SQLite file or PostgreSQL) through our own schema, exactly as the silo wires them.</summary>
public sealed class StorageCluster : IAsyncDisposable
{
    private StorageCluster(TestCluster cluster) => Cluster = cluster;

    public TestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.GrainFactory;

    public static async Task<StorageCluster> StartAsync(
        DatabaseTarget database,
        string serviceId,
        short silos = 1,
        IReadOnlyDictionary<string, string?>? configuration = null
    )
    {
        await SchemaMigrator.ApplyAsync(database);
        var builder = new TestClusterBuilder(silos);
        builder.Options.ServiceId = serviceId;
        builder.ConfigureHostConfiguration(config =>
            config.AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["BettingTest:Invariant"] = database.Invariant,
                    ["BettingTest:ConnectionString"] = database.ConnectionString,
                }.Concat(configuration ?? new Dictionary<string, string?>())
            )
        );
        builder.AddSiloBuilderConfigurator<Configurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new StorageCluster(cluster);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            var invariant = silo.Configuration["BettingTest:Invariant"]!;
            var connectionString = silo.Configuration["BettingTest:ConnectionString"]!;
            silo.AddBettingStorage(invariant, connectionString);
            silo.Services.AddBettingGrainServices(silo.Configuration);
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = invariant;
                o.ConnectionString = connectionString;
            });
            // Tests may use short reminder periods; production keeps Orleans' one-minute floor.
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        }
    }
}
