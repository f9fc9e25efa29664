using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Betting.Agents;
using Orleans.Betting.Security;
using Orleans.Betting.Silo.Security;
using Orleans.Betting.Silo.Storage;
using Orleans.Configuration;
using Orleans.Core.Internal;
using Orleans.Streams;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Security;

/// <summary>
/// The attacker's view (issue 24): a cluster that asks for operator identities, and a plain Orleans
/// client with no identity — not our console client, no signer, memory streams of its own — that
/// tries what the gate must stop: publishing a forged alert onto an agent's inbox, subscribing to
/// the bus, firing a reminder, deactivating an agent, a management write, and every method of every
/// one of our grain interfaces (found by reflection). Only reads and the client runtime's own
/// allow-list answer.
/// </summary>
public sealed class HostileClientTests(HostileClientTests.Fixture fixture, ITestOutputHelper output)
    : IClassFixture<HostileClientTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        private readonly TempDirectory directory = new("hostile");
        private StorageCluster? cluster;
        private IHost? attacker;

        public StorageCluster Cluster => cluster ?? throw new InvalidOperationException("not started");

        public string DatabasePath => Path.Combine(directory.Path, "grains.db");

        /// <summary>The attacker's client: plain Orleans, the bus's stream provider configured by hand.</summary>
        public IClusterClient Attacker => attacker?.Services.GetRequiredService<IClusterClient>() ?? throw new InvalidOperationException();

        public async Task InitializeAsync()
        {
            DevCertificates.Write(directory.Path, ["silo"], [], TimeSpan.FromDays(1), ["alice"]);
            cluster = await StorageCluster.StartAsync(
                DatabaseTarget.SqliteFile(DatabasePath),
                "hostile",
                configuration: new Dictionary<string, string?> { [StorageCluster.OperatorCaKey] = Path.Combine(directory.Path, "ca.crt") },
                tcp: true
            );
            var options = cluster.Cluster.Options;
            attacker = new HostBuilder()
                .ConfigureLogging(l => l.ClearProviders())
                .UseOrleansClient(client =>
                {
                    client.UseStaticClustering(cluster.Cluster.Silos.Select(s => s.GatewayAddress.Endpoint).ToArray());
                    client.Configure<ClusterOptions>(o =>
                    {
                        o.ClusterId = options.ClusterId;
                        o.ServiceId = options.ServiceId;
                    });
                    client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(20));
                    client.AddMemoryStreams(AgentBus.Provider);
                })
                .Build();
            await attacker.StartAsync();
        }

        public async Task DisposeAsync()
        {
            if (attacker is not null)
            {
                await attacker.StopAsync();
                attacker.Dispose();
            }

            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }

            directory.Dispose();
        }
    }

    private IClusterClient Attacker => fixture.Attacker;

    [Fact]
    public async Task AForgedAlertCannotBePublishedOntoTheBusNorTheBusSubscribed()
    {
        var inbox = Attacker
            .GetStreamProvider(AgentBus.Provider)
            .GetStream<AgentMessage>(StreamId.Create(AgentBus.InboxNamespace, AgentNames.Notification));
        var forged = new AgentMessage(
            Guid.NewGuid().ToString("N"),
            AgentNames.SelfHealing,
            AgentNames.Notification,
            MessageKind.Event,
            "alert",
            """{"severity":"Critical","text":"forged"}""",
            null,
            DateTime.UtcNow,
            null
        );
        var publish = await Record.ExceptionAsync(() => inbox.OnNextAsync(forged));
        output.WriteLine($"publish: {publish?.GetType().Name}: {publish?.Message}");
        Assert.NotNull(publish);
        Assert.Contains("is an Orleans interface for callers inside the cluster", Flatten(publish));

        var subscribe = await Record.ExceptionAsync(() => inbox.SubscribeAsync((_, _) => Task.CompletedTask));
        output.WriteLine($"subscribe: {subscribe?.GetType().Name}: {subscribe?.Message}");
        Assert.NotNull(subscribe);
        Assert.Contains("is an Orleans interface for callers inside the cluster", Flatten(subscribe));

        // The agent's topic too (the cycle news), not only inboxes.
        var topic = Attacker
            .GetStreamProvider(AgentBus.Provider)
            .GetStream<AgentMessage>(StreamId.Create(AgentBus.TopicNamespace, AgentBus.CycleTopic));
        Assert.Contains(
            "is an Orleans interface for callers inside the cluster",
            Flatten(await Record.ExceptionAsync(() => topic.OnNextAsync(forged with { To = AgentBus.CycleTopic })))
        );
    }

    [Fact]
    public async Task RemindersGrainExtensionsAndManagementWritesAreRefusedReadsAnswer()
    {
        var orchestrator = Attacker.GetGrain<IOrchestratorAgent>(AgentNames.Orchestrator);
        var reminder = await Record.ExceptionAsync(() =>
            orchestrator.AsReference<IRemindable>().ReceiveReminder("agent-keepalive", default)
        );
        Assert.IsType<UnauthorizedAccessException>(reminder);
        Assert.Contains("IRemindable.ReceiveReminder is an Orleans interface", reminder!.Message);

        var notification = Attacker.GetGrain<INotificationAgent>(AgentNames.Notification);
        var deactivate = await Record.ExceptionAsync(() =>
            notification.AsReference<IGrainManagementExtension>().DeactivateOnIdle().AsTask()
        );
        Assert.IsType<UnauthorizedAccessException>(deactivate);

        var management = Attacker.GetGrain<IManagementGrain>(0);
        Assert.NotEmpty(await management.GetHosts(onlyActive: true));
        Assert.True(await management.GetTotalActivationCount() >= 0);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => management.ForceActivationCollection(TimeSpan.Zero));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => management.ForceGarbageCollection([]));
    }

    /// <summary>
    /// Every method of every one of our grain interfaces, called by the plain client with default
    /// arguments: a read answers (or fails on its arguments), every other method is refused before it
    /// runs. One-way methods cannot answer; the operator test checks them by effect. Reads are reads:
    /// calling every read again (the grains now active) writes no grain state and no reminder.
    /// </summary>
    [Fact]
    public async Task EveryGrainMethodWithoutIdentityOnlyReadsAnswer()
    {
        int reads = 0,
            refused = 0;
        var wrong = new List<string>();
        foreach (var (grain, method) in Methods())
        {
            var name = $"{grain.Name}.{method.Name}";
            var error = await Record.ExceptionAsync(() => Call(grain, method));
            var access = CallAccessRules.Of(method);
            if (access == CallAccess.Read)
            {
                reads++;
                if (error is UnauthorizedAccessException)
                {
                    wrong.Add($"{name} (a read) was refused: {error.Message}");
                }
            }
            else
            {
                refused++;
                if (error is not UnauthorizedAccessException)
                {
                    wrong.Add($"{name} ({access}) answered without identity: {error?.GetType().Name ?? "no error"}");
                }
            }
        }

        output.WriteLine($"{reads} reads answered, {refused} other methods refused");
        Assert.Empty(wrong);

        var before = await StoredAsync();
        foreach (var (grain, method) in Methods().Where(m => CallAccessRules.Of(m.Method) == CallAccess.Read))
        {
            await Record.ExceptionAsync(() => Call(grain, method));
        }

        var after = await StoredAsync();
        output.WriteLine($"storage before the second round of reads: {before}; after: {after}");
        Assert.Equal(before, after);
        Assert.True(reads >= 30, $"only {reads} reads");
        Assert.True(refused >= 60, $"only {refused} refused");
    }

    /// <summary>Rows, summed versions (every write bumps one) and bytes of grain state, and reminders, in the cluster's SQLite file.</summary>
    private async Task<string> StoredAsync()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={fixture.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT (SELECT COUNT(*) FROM OrleansStorage) || ' rows, version sum ' || (SELECT IFNULL(SUM(Version), 0) FROM OrleansStorage) "
            + "|| ', ' || (SELECT IFNULL(SUM(LENGTH(PayloadBinary)), 0) FROM OrleansStorage) || ' bytes, ' || (SELECT COUNT(*) FROM OrleansReminders) || ' reminders'";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static string Flatten(Exception? e)
    {
        var parts = new List<string>();
        for (; e is not null; e = e.InnerException)
        {
            parts.Add(e.Message);
            if (e is AggregateException aggregate)
            {
                parts.AddRange(aggregate.InnerExceptions.Select(Flatten));
            }
        }

        return string.Join(" | ", parts);
    }

    /// <summary>Each method of our interfaces once; one-way methods left out (no answer to carry a refusal).</summary>
    private static IEnumerable<(Type Grain, MethodInfo Method)> Methods() =>
        GrainMethodProbe.Methods(m => GrainMethodProbe.Ours(m) && !m.IsDefined(typeof(Orleans.Concurrency.OneWayAttribute)));

    private Task Call(Type grain, MethodInfo method) => GrainMethodProbe.Call(Attacker, grain, method, "hostile-probe");
}
