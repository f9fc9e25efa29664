using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using Orleans.Betting.Agents;
using Orleans.Betting.Market;
using Orleans.Betting.Security;
using Orleans.Betting.Silo.Security;
using Orleans.Betting.Silo.Storage;
using Xunit.Abstractions;

namespace Orleans.Betting.Tests.Security;

/// <summary>
/// The gate on operator methods through real grains (DESIGN §10): a test cluster that asks for
/// operator identities, its client calling as a reader, as an operator (a certificate of the CA with
/// OU=operator), and as a forger; the silos' own calls pass.
/// </summary>
public sealed class OperatorAuthorizationTests(OperatorAuthorizationTests.Fixture fixture, ITestOutputHelper output)
    : IClassFixture<OperatorAuthorizationTests.Fixture>
{
    private StorageCluster Cluster => fixture.Cluster;

    private X509Certificate2 Certificate(string name, string? dir = null) => fixture.Certificate(name, dir);

    /// <summary>One cluster asking for operator identities, shared by the tests of this class (each sets the client's credential).</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        private readonly TempDirectory directory = new("operators");
        private StorageCluster? cluster;

        public StorageCluster Cluster => cluster ?? throw new InvalidOperationException("not started");

        public X509Certificate2 Certificate(string name, string? dir = null) =>
            TransportCertificates
                .Load(
                    Path.Combine(dir ?? directory.Path, $"{name}.crt"),
                    Path.Combine(dir ?? directory.Path, $"{name}.key"),
                    Path.Combine(dir ?? directory.Path, "ca.crt")
                )
                .Local;

        public async Task InitializeAsync()
        {
            DevCertificates.Write(directory.Path, ["silo"], ["reader"], TimeSpan.FromDays(1), ["alice"]);
            cluster = await StorageCluster.StartAsync(
                DatabaseTarget.SqliteFile(Path.Combine(directory.Path, "grains.db")),
                "operators",
                configuration: new Dictionary<string, string?> { [StorageCluster.OperatorCaKey] = Path.Combine(directory.Path, "ca.crt") }
            );
        }

        public async Task DisposeAsync()
        {
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }

            directory.Dispose();
        }
    }

    /// <summary>
    /// Every operator method of every grain interface, called by a client without an operator
    /// identity, is refused before it runs, with an error naming the method and what is missing.
    /// </summary>
    [Fact]
    public async Task EveryOperatorMethodRefusesAClientWithoutAnOperatorIdentityAndReadsStayOpen()
    {
        Cluster.Credential.Certificate = null;
        var refused = new List<string>();
        var oneWay = new List<string>();
        foreach (var (grain, method) in OperatorMethods())
        {
            if (method.IsDefined(typeof(Orleans.Concurrency.OneWayAttribute)))
            {
                oneWay.Add($"{method.DeclaringType!.Name}.{method.Name}"); // no answer to carry the refusal: checked by effect below
                continue;
            }

            var name = $"{grain.Name}.{method.Name}";
            var error = await Record.ExceptionAsync(() => Call(grain, method));
            Assert.True(error is UnauthorizedAccessException, $"{name}: {error?.GetType().Name ?? "no exception"} {error?.Message}");
            Assert.Contains($"{method.DeclaringType!.Name}.{method.Name} is an operator method", error!.Message);
            Assert.Contains("OU=operator", error.Message);
            refused.Add($"{method.DeclaringType.Name}.{method.Name}");
        }

        output.WriteLine($"{refused.Count} operator methods refused, e.g. {string.Join(", ", refused.Take(8))}");
        output.WriteLine($"one-way: {string.Join(", ", oneWay)}");

        // A one-way call cannot answer with the refusal; it does nothing. The usage grain counts
        // attempts only when an operator (or a silo) records them.
        var usage = Cluster.Grains.GetGrain<Orleans.Betting.ExternalApis.IApiUsageGrain>("authorization-usage");
        var call = new Orleans.Betting.ExternalApis.ApiCallRecord(
            "test",
            Orleans.Betting.ExternalApis.ApiCallOutcome.Success,
            200,
            5,
            1,
            0,
            null,
            DateTime.UtcNow
        );
        await usage.RecordAttemptAsync(call);
        await Task.Delay(500);
        Assert.Equal(0, (await usage.GetUsageAsync()).UpstreamAttempts);
        Cluster.Credential.Certificate = Certificate("alice");
        await usage.RecordAttemptAsync(call);
        await Eventually.WaitAsync(async () => (await usage.GetUsageAsync()).UpstreamAttempts == 1, TimeSpan.FromSeconds(10));
        Cluster.Credential.Certificate = null;
        Assert.True(refused.Count >= 60, $"only {refused.Count} operator methods found");
        Assert.Contains("ILedgerGrain.SettleAsync", refused);
        Assert.Contains("IApprovalQueueGrain.DecideAsync", refused);
        Assert.Contains("ITokenBucketGrain.PauseAsync", refused);
        Assert.Contains("IAgentGrain.InjectFaultAsync", refused);
        Assert.Contains("ISimulatorControlGrain.InjectFaultAsync", refused);

        // Reads answer any client.
        Assert.NotNull(await Cluster.Grains.GetGrain<IApprovalQueueGrain>(IApprovalQueueGrain.Key).ListAsync());
        Assert.NotNull(await Cluster.Grains.GetGrain<IMarketCatalogGrain>(IMarketCatalogGrain.Key).ListAsync());
        var management = Cluster.Grains.GetGrain<IManagementGrain>(0);
        Assert.NotEmpty(await management.GetHosts(onlyActive: true));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => management.ForceGarbageCollection([]));
    }

    [Fact]
    public async Task AnOperatorsCallsPassAndTheOperatorIsTheApproverRecordedWhateverNameIsGiven()
    {
        Cluster.Credential.Certificate = Certificate("alice");
        var queue = Cluster.Grains.GetGrain<IApprovalQueueGrain>(IApprovalQueueGrain.Key);
        await queue.EnqueueAsync(new ApprovalItem("strategy-x", "home favourites", ["held"], 1, DateTime.UtcNow));
        var decided = await queue.DecideAsync("strategy-x", approve: true, by: "mallory");
        Assert.Equal(("alice", ApprovalState.Approved), (decided.DecidedBy, decided.State));

        // A pause records who asked, whatever its reason text says.
        var paused = await Cluster
            .Grains.GetGrain<Orleans.Betting.Strategies.IStrategyGrain>("authorization-pause")
            .PauseAsync("drift (by bob)");
        Assert.Equal("drift (by bob) (operator alice)", paused.PausedReason);

        // The operator's call fans out to operator methods of other grains (season upserts, the
        // catalog): the silos' own stamped calls pass.
        var report = await Cluster
            .Grains.GetGrain<IMarketImportGrain>(0)
            .ImportCsvAsync(
                "2016-2017.csv",
                File.ReadAllBytes(Path.Combine(RepoPaths.SharedData, "data", "football-data", "F1", "2016-2017.csv"))
            );
        Assert.Equal(380, report.RowsImported);
        Assert.Contains(
            await Cluster.Grains.GetGrain<IMarketCatalogGrain>(IMarketCatalogGrain.Key).ListAsync(),
            s => s.League == "F1" && s.Season == "2016-2017"
        );
    }

    [Fact]
    public async Task ForgedAndBorrowedIdentitiesAreRefused()
    {
        var queue = Cluster.Grains.GetGrain<IApprovalQueueGrain>(IApprovalQueueGrain.Key);
        var item = new ApprovalItem("strategy-y", "draws", [], 1, DateTime.UtcNow);

        // A reader's certificate (OU=client) is not an operator's, even when it signs.
        Cluster.Credential.Certificate = Certificate("reader");
        var reader = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => queue.EnqueueAsync(item));
        Assert.Contains("is not an operator's (its subject has no OU=operator)", reader.Message);

        // An operator certificate of another CA does not chain to ours.
        using var other = new TempDirectory("operators-other");
        DevCertificates.Write(other.Path, ["silo"], [], TimeSpan.FromDays(1), ["mallory"]);
        Cluster.Credential.Certificate = Certificate("mallory", other.Path);
        var stranger = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => queue.EnqueueAsync(item));
        Assert.Contains("does not chain to the operator CA", stranger.Message);

        // A name, a silo's stamp or another call's assertion put in the request context by hand.
        Cluster.Credential.Certificate = null;
        var alice = Certificate("alice");
        var enqueue = typeof(IApprovalQueueGrain).GetMethod(nameof(IApprovalQueueGrain.EnqueueAsync))!;
        var decide = typeof(IApprovalQueueGrain).GetMethod(nameof(IApprovalQueueGrain.DecideAsync))!;
        var target = queue.GetGrainId().ToString();
        var itemHash = OperatorAssertion.ArgumentsHash([item]);
        var otherItemHash = OperatorAssertion.ArgumentsHash([item with { Subject = "strategy-other" }]);
        var forgeries = new (string What, string Key, object Value, string Expected)[]
        {
            ("a claimed name", CallerIdentity.OperatorKey, "alice", "carries no operator identity"),
            ("a made-up silo stamp", CallerIdentity.InternalStampKey, "AAAAAAAAAAAAAAAAAAAAAAAA", "carries no operator identity"),
            (
                "alice's assertion for another method",
                CallerIdentity.AssertionKey,
                OperatorAssertion.Create(alice, decide, target, DateTimeOffset.UtcNow, itemHash),
                "is not a signature of this call"
            ),
            (
                "alice's assertion for another grain",
                CallerIdentity.AssertionKey,
                OperatorAssertion.Create(alice, enqueue, "approvalqueue/elsewhere", DateTimeOffset.UtcNow, itemHash),
                "is not a signature of this call"
            ),
            (
                "alice's assertion from ten minutes ago",
                CallerIdentity.AssertionKey,
                OperatorAssertion.Create(alice, enqueue, target, DateTimeOffset.UtcNow.AddMinutes(-10), itemHash),
                "from the silo's clock"
            ),
            (
                "alice's assertion for other arguments",
                CallerIdentity.AssertionKey,
                OperatorAssertion.Create(alice, enqueue, target, DateTimeOffset.UtcNow, otherItemHash),
                "is not a signature of this call"
            ),
            (
                "garbage",
                CallerIdentity.AssertionKey,
                $"b2:bm90IGEgY2VydA==:{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}:bm9uY2U=:AA==",
                "cannot be read"
            ),
        };
        foreach (var (what, key, value, expected) in forgeries)
        {
            RequestContext.Clear();
            RequestContext.Set(key, value);
            var error = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => queue.EnqueueAsync(item));
            output.WriteLine($"{what}: {error.Message}");
            Assert.Contains(expected, error.Message);
        }

        RequestContext.Clear();
        Assert.DoesNotContain(await queue.ListAsync(), i => i.Subject == "strategy-y");

        // A genuine assertion, captured and sent again with the very same call: the first passes, the replay is refused.
        var replayed = new ApprovalItem("strategy-replay", "draws", [], 1, DateTime.UtcNow);
        var captured = OperatorAssertion.Create(alice, enqueue, target, DateTimeOffset.UtcNow, OperatorAssertion.ArgumentsHash([replayed]));
        RequestContext.Set(CallerIdentity.AssertionKey, captured);
        await queue.EnqueueAsync(replayed);
        RequestContext.Clear();
        RequestContext.Set(CallerIdentity.AssertionKey, captured);
        var replay = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => queue.EnqueueAsync(replayed));
        RequestContext.Clear();
        output.WriteLine($"a replay: {replay.Message}");
        Assert.Contains("was used before (a replay)", replay.Message);
        Assert.Single(await queue.ListAsync(), i => i.Subject == "strategy-replay");
    }

    /// <summary>Each operator method once, called through a grain interface that names one grain class.</summary>
    private static IEnumerable<(Type Grain, MethodInfo Method)> OperatorMethods() =>
        GrainMethodProbe.Methods(m => CallAccessRules.Of(m) == CallAccess.Operator);

    private Task Call(Type grain, MethodInfo method) => GrainMethodProbe.Call(Cluster.Grains, grain, method, "authorization-probe");
}
