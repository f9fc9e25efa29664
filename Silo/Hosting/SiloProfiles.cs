using Orleans.Betting.Agents;
using Orleans.Betting.Silo.Security;
using Orleans.Betting.Storage;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Serialization;
using Orleans.Storage;

namespace Orleans.Betting.Silo.Hosting;

/// <summary>Wires clustering, grain storage, reminders and the dashboard for one profile (DESIGN §10).</summary>
public static class SiloProfiles
{
    /// <summary>
    /// The profile's defaults, under everything configured (appsettings, environment, command line):
    /// every profile trades the live market. Embedded learns from the synthetic history its simulator
    /// continues, unless an odds API key (or URL) is configured: then it trades that API (The Odds API
    /// by default). A real feed (Cluster and Kubernetes always) learns from every league with imported
    /// history and trades those leagues' sports, so a key plus `data import` or `data download` is all
    /// it takes; until then it is degraded and says in one line what is missing.
    /// </summary>
    public static void AddProfileDefaults(IConfigurationManager configuration, HostingProfile profile)
    {
        var defaults = new Dictionary<string, string?> { ["Betting:Market:Source"] = "live" };
        var source = configuration["Betting:Market:Source"];
        var live = string.IsNullOrWhiteSpace(source) || (MarketSourceNames.TryParse(source, out var named) && named == MarketSource.Live);
        if (profile != HostingProfile.Embedded)
        {
            defaults["Betting:Agents:Enabled"] = "true";
        }

        // Embedded with a key or a URL of its own: that API (The Odds API by default), not the built-in simulator.
        var realFeed =
            profile != HostingProfile.Embedded
            || (
                configuration["Betting:Simulator:Enabled"] is null
                && (
                    !string.IsNullOrWhiteSpace(configuration[ExternalApis.OddsApiOptions.ApiKeyKey])
                    || !string.IsNullOrWhiteSpace(configuration[ExternalApis.OddsApiOptions.BaseUrlKey])
                )
            );
        if (profile == HostingProfile.Embedded && realFeed)
        {
            defaults["Betting:Simulator:Enabled"] = "false";
        }

        // A replay keeps its own defaults (a synthetic league count, no sports to poll).
        var importedHistory =
            MarketSourceNames.TryParse(configuration["Betting:Market:History"], out var history) && history == MarketSource.Import;
        if ((realFeed || importedHistory) && live)
        {
            defaults["Betting:Market:History"] = "import";
            defaults["Betting:Market:Leagues"] = Market.MarketOptions.AllImported;
            defaults["Betting:Market:Seasons"] = Market.MarketOptions.AllImported;
        }

        // Defaults only: a key configured anywhere keeps its value.
        configuration.AddInMemoryCollection(defaults.Where(d => configuration[d.Key] is null));
    }

    public static ISiloBuilder ConfigureBetting(this ISiloBuilder silo, SiloSettings settings)
    {
        var db = settings.Database;
        switch (settings.Profile)
        {
            case HostingProfile.Embedded:
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, null, settings.ServiceId, settings.ClusterId);
                break;
            case HostingProfile.Kubernetes:
                // Pod name, namespace and IP from the downward API; membership still lives in PostgreSQL.
                silo.UseKubernetesHosting();
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = db.Invariant;
                    o.ConnectionString = db.ConnectionString;
                });
                break;
            default:
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = db.Invariant;
                    o.ConnectionString = db.ConnectionString;
                });
                silo.ConfigureEndpoints(
                    settings.AdvertisedIp ?? System.Net.IPAddress.Loopback,
                    settings.SiloPort,
                    settings.GatewayPort,
                    // On the advertised address only, unless told to listen on every interface.
                    listenOnAnyHostAddress: settings.ListenOnAllInterfaces
                );
                break;
        }

        if (settings.Profile != HostingProfile.Embedded)
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = settings.ServiceId;
            });
        }

        if (settings.Tls is { } tls)
        {
            // Mutual TLS on silo-to-silo and gateway connections: both ends show a certificate of our
            // CA; on the silo port (either direction) it must be a silo's (server authentication), so
            // a client's certificate opens the gateway and nothing else.
            Orleans.Connections.Security.TlsOptions Options(
                Func<System.Security.Cryptography.X509Certificates.X509Certificate2?, bool> trusts
            ) =>
                new()
                {
                    LocalCertificate = tls.Local,
                    RemoteCertificateMode = Orleans.Connections.Security.RemoteCertificateMode.RequireCertificate,
                    ClientCertificateMode = Orleans.Connections.Security.RemoteCertificateMode.RequireCertificate,
                    RemoteCertificateValidation = (certificate, _, _) => trusts(certificate),
                };
            var silos = Options(tls.TrustsSilo);
            var clients = Options(tls.Trusts);
            silo.Configure<SiloConnectionOptions>(o =>
            {
                o.ConfigureSiloInboundConnection(c => c.UseServerTls(silos));
                o.ConfigureSiloOutboundConnection(c => c.UseClientTls(silos));
                o.ConfigureGatewayInboundConnection(c => c.UseServerTls(clients));
            });
        }

        if (settings.Operators is { } operators)
        {
            silo.AddCallAuthorization(operators, settings.InternalCallKey);
        }

        silo.AddMessageLimits();
        silo.Services.AddDriverExceptions();

        silo.AddBettingStorage(db.Invariant, db.ConnectionString);
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = db.Invariant;
            o.ConnectionString = db.ConnectionString;
        });
        // The live log stream shows every log line of the cluster: a development aid, hidden in Cluster and Kubernetes.
        silo.AddDashboard(o => o.HideTrace = settings.Profile != HostingProfile.Embedded);
        return silo;
    }

    /// <summary>
    /// Registers our ADO.NET grain storage under <see cref="StorageNames.Betting"/> and as the
    /// default, serialised with Orleans' own version-tolerant serializer (the [Id] fields), not JSON.
    /// </summary>
    /// <summary>
    /// A message larger than any of ours (a season is under 2 MB, a CSV file under 1 MB) closes the
    /// connection it came on, instead of Orleans' 100 MB default.
    /// </summary>
    public static ISiloBuilder AddMessageLimits(this ISiloBuilder silo) =>
        silo.Configure<SiloMessagingOptions>(o => o.MaxMessageBodySize = SiloSettings.MaxMessageBodyBytes);

    public static ISiloBuilder AddBettingStorage(this ISiloBuilder silo, string invariant, string connectionString)
    {
        void Configure(Microsoft.Extensions.Options.OptionsBuilder<AdoNetGrainStorageOptions> options) =>
            options.Configure<Serializer>(
                (o, serializer) =>
                {
                    o.Invariant = invariant;
                    o.ConnectionString = connectionString;
                    o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                    // A cleared grain (a forgotten event, a dropped subscription) leaves no tombstone row behind.
                    o.DeleteStateOnClear = true;
                }
            );

        silo.AddAdoNetGrainStorage(StorageNames.Betting, Configure);
        silo.AddAdoNetGrainStorageAsDefault(Configure);
        // What `storage` reports: this service's rows of the same database.
        silo.Services.AddSingleton<Orleans.Betting.Storage.IStorageInspector>(services => new Storage.StorageInspector(
            Storage.DatabaseTarget.FromInvariant(invariant, connectionString),
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ClusterOptions>>().Value.ServiceId,
            services.GetRequiredService<TimeProvider>()
        ));
        // The agents' bus: memory streams for delivery; subscriptions in our storage. Durability
        // comes from each agent's persisted outbox (resent until acknowledged), not the queue.
        silo.AddAdoNetGrainStorage("PubSubStore", Configure);
        if (invariant == Storage.DatabaseTarget.SqliteInvariant)
        {
            // SQLite has one writer: queue the writes here instead of in Microsoft.Data.Sqlite's sleeping busy retries.
            var gate = Storage.SqliteWriteGate.For(connectionString);
            foreach (
                var name in new[] { StorageNames.Betting, Orleans.Providers.ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, "PubSubStore" }
            )
            {
                // The last keyed registration wins: the storage (and its lifecycle participant) is the gated one.
                silo.Services.AddKeyedSingleton<IGrainStorage>(
                    name,
                    (services, key) => new Storage.GatedGrainStorage(AdoNetGrainStorageFactory.Create(services, (string)key!), gate)
                );
            }
        }
        // The agents ask each other for a cycle's work on the bus: a question and its answer cross it twice, so each
        // queue is read every 20 ms instead of Orleans' 100 ms (a round trip ~0.1 s instead of ~0.3 s; idle reads of
        // an in-memory queue cost next to nothing).
        silo.AddMemoryStreams(
            Orleans.Betting.Agents.AgentBus.Provider,
            streams =>
                streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(20)))
        );
        return silo;
    }
}
