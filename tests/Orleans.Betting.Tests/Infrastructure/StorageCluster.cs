using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Betting.Security;
using Orleans.Betting.Silo.Hosting;
using Orleans.Betting.Silo.Security;
using Orleans.Betting.Silo.Storage;
using Orleans.Betting.Storage;
using Orleans.TestingHost;

namespace Orleans.Betting.Tests.Infrastructure;

/// <summary>An in-process TestingHost cluster whose grain state and reminders live in a real database
/// (SQLite file or PostgreSQL) through our own schema, exactly as the silo wires them.</summary>
public sealed class StorageCluster : IAsyncDisposable
{
    private StorageCluster(TestCluster cluster) => Cluster = cluster;

    /// <summary>Set to the operator CA's PEM file: operator methods then need an operator identity (as in a TLS cluster).</summary>
    public const string OperatorCaKey = "BettingTest:OperatorCa";

    public TestCluster Cluster { get; }

    /// <summary>The test client's operator certificate (none: it calls as a reader).</summary>
    public Orleans.Betting.Security.OperatorCredential Credential =>
        Cluster.Client.ServiceProvider.GetRequiredService<Orleans.Betting.Security.OperatorCredential>();

    public IGrainFactory Grains => Cluster.GrainFactory;

    public static async Task<StorageCluster> StartAsync(
        DatabaseTarget database,
        string serviceId,
        short silos = 1,
        IReadOnlyDictionary<string, string?>? configuration = null,
        bool tcp = false
    )
    {
        await SchemaMigrator.ApplyAsync(database);
        var settings = new Dictionary<string, string?>
        {
            ["BettingTest:Invariant"] = database.Invariant,
            ["BettingTest:ConnectionString"] = database.ConnectionString,
        };
        if (configuration?.ContainsKey(OperatorCaKey) == true)
        {
            // Operator checks on: the silos stamp their own calls with the key the migration made.
            settings["BettingTest:InternalCallKey"] = Convert.ToBase64String(
                await Orleans.Betting.Silo.Security.InternalCallKey.ReadAsync(database)
            );
        }

        var builder = new TestClusterBuilder(silos);
        builder.Options.ServiceId = serviceId;
        if (tcp)
        {
            // Real sockets, so a client built outside the test cluster can connect to its gateways.
            builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        }

        builder.ConfigureHostConfiguration(config =>
            config.AddInMemoryCollection(settings.Concat(configuration ?? new Dictionary<string, string?>()))
        );
        builder.AddSiloBuilderConfigurator<Configurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
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
            silo.AddMessageLimits();
            silo.Services.AddDriverExceptions();
            silo.Services.AddBettingGrainServices(silo.Configuration);
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = invariant;
                o.ConnectionString = connectionString;
            });
            // Tests may use short reminder periods; production keeps Orleans' one-minute floor.
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            if (silo.Configuration[OperatorCaKey] is { } ca)
            {
                // The test cluster's own hooks (it asks the silos' statuses while it deploys) are a read.
                silo.Services.AddSingleton(new Orleans.Betting.Security.ClientAllowList().Allow("Orleans.Runtime.TestHooks.ITestHooks.*"));
                silo.AddCallAuthorization(
                    new OperatorPolicy(
                        Orleans.Betting.Security.TransportCertificates.LoadAuthorities(ca, "operator"),
                        Orleans.Betting.Security.OperatorAssertion.DefaultUnit
                    ),
                    Convert.FromBase64String(silo.Configuration["BettingTest:InternalCallKey"]!)
                );
            }
        }
    }

    /// <summary>The console client's signer of operator calls, with a credential a test can set.</summary>
    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client)
        {
            client.AddOperatorSigning(new Orleans.Betting.Security.OperatorCredential());
        }
    }
}
