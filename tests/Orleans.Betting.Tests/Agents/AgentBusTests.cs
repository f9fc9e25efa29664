using Orleans.Betting.Agents;
using Orleans.Betting.Agents.Bus;
using Orleans.Betting.Silo.Storage;

namespace Orleans.Betting.Tests.Agents;

/// <summary>The agents' bus: Orleans streams for delivery, persisted outboxes for what is not yet acknowledged.</summary>
public sealed class AgentBusTests
{
    private static readonly Dictionary<string, string?> Fast = new() { ["Betting:Agents:TickSeconds"] = "0.2" };

    [Fact]
    public async Task OnSqlite()
    {
        using var dir = new TempDirectory("agents-bus");
        await EventsAreAcknowledgedRequestsAnsweredOrTimedOutAndAPendingMessageSurvivesARestart(
            DatabaseTarget.SqliteFile(Path.Combine(dir.Path, "a.db"))
        );
    }

    /// <summary>
    /// An outbox is bounded: a message to no agent is refused at once, and one a paused recipient never
    /// acknowledges is resent with a growing delay, then dead-lettered after the maximum age (kept in the
    /// history, with a decision saying so), not resent every two seconds forever.
    /// </summary>
    [Fact]
    public async Task MessagesToNoAgentAreRefusedAndUnacknowledgedOnesAreDeadLetteredAfterTheMaximumAge()
    {
        using var dir = new TempDirectory("agents-dead-letter");
        var settings = new Dictionary<string, string?>(Fast) { ["Betting:Agents:OutboxMaxAgeMinutes"] = "0.1" };
        await using var cluster = await StorageCluster.StartAsync(
            DatabaseTarget.SqliteFile(Path.Combine(dir.Path, "a.db")),
            "agents-dead-letter",
            1,
            settings
        );
        var analyst = cluster.Grains.Agent(AgentNames.StrategyAnalyst);
        var risk = cluster.Grains.Agent(AgentNames.RiskManagement);
        await analyst.StartAsync("test");

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => analyst.SendAsync("risk-managment", new Note("exposure", "typo")));
        Assert.Contains("no agent 'risk-managment'", refused.Message);
        Assert.Contains(AgentNames.RiskManagement, refused.Message);
        Assert.Equal(0, await analyst.OutboxCountAsync());

        // The risk agent never runs: nobody acknowledges.
        Assert.Equal(AgentState.Idle, (await risk.GetStatusAsync()).State);
        var id = await analyst.SendAsync(AgentNames.RiskManagement, new Note("exposure", "over the day cap"));
        Assert.Equal(1, await analyst.OutboxCountAsync());
        await Eventually.WaitAsync(async () => (await analyst.OutboxCountAsync()) == 0, TimeSpan.FromSeconds(30));
        Assert.Contains(await analyst.GetMessagesAsync(), m => m.Message.Id == id && m.Status == "dead-lettered");
        var dead = Assert.Single(await analyst.GetDecisionsAsync(), d => d.Kind == DecisionKind.DeadLetter);
        Assert.Equal("exposure to risk-management", dead.Choice);
        // Resent with a doubling delay (2, 4 s…) over six seconds: a handful of sends, not one every tick.
        Assert.InRange(int.Parse(dead.Inputs["sends"], System.Globalization.CultureInfo.InvariantCulture), 1, 4);
    }

    /// <summary>The Cluster profile's storage: the outbox lives in PostgreSQL.</summary>
    [PostgresFact]
    [Trait(Tier.Name, Tier.System)]
    public async Task OnPostgreSql() =>
        await EventsAreAcknowledgedRequestsAnsweredOrTimedOutAndAPendingMessageSurvivesARestart(
            DatabaseTarget.PostgreSql(await TestPostgres.CreateDatabaseAsync("bus"), "BETTING_TEST_POSTGRES")
        );

    private static async Task EventsAreAcknowledgedRequestsAnsweredOrTimedOutAndAPendingMessageSurvivesARestart(DatabaseTarget database)
    {
        string pendingId;
        await using (var cluster = await StorageCluster.StartAsync(database, "agents-bus", 1, Fast))
        {
            var analyst = cluster.Grains.Agent(AgentNames.StrategyAnalyst);
            var risk = cluster.Grains.Agent(AgentNames.RiskManagement);
            var data = cluster.Grains.Agent(AgentNames.DataEngineering);
            await analyst.StartAsync("test");
            await risk.StartAsync("test");

            // An event: delivered, handled, acknowledged; the sender's outbox empties.
            var id = await analyst.SendAsync(AgentNames.RiskManagement, new Note("limits-review", "please"));
            await Eventually.WaitAsync(async () => (await analyst.OutboxCountAsync()) == 0, TimeSpan.FromSeconds(20));
            Assert.Contains(await risk.GetMessagesAsync(), m => m.Message.Id == id && m.Direction == "in" && m.Status == "received");
            Assert.Contains(await analyst.GetMessagesAsync(), m => m.Message.Id == id && m.Status == "acked");

            // A request gets its answer, correlated.
            var ping = await analyst.RequestAsync(AgentNames.RiskManagement, new Ping(), TimeSpan.FromSeconds(10));
            await Eventually.WaitAsync(
                async () =>
                    (await analyst.GetMessagesAsync()).Any(m => m.Message.CorrelationId == ping && m.Message.Kind == MessageKind.Response),
                TimeSpan.FromSeconds(20)
            );
            Assert.Equal(
                "pong from risk-management",
                (await analyst.GetMessagesAsync()).Single(m => m.Message.CorrelationId == ping).Message.Body
            );

            // A request to an agent that is not running times out at its deadline; the sender records it and moves on.
            var late = await analyst.RequestAsync(AgentNames.DataEngineering, new StatusQuery(), TimeSpan.FromSeconds(1));
            await Eventually.WaitAsync(
                async () => (await analyst.GetMessagesAsync()).Any(m => m.Message.Id == late && m.Status == "timed out"),
                TimeSpan.FromSeconds(20)
            );
            Assert.Contains(
                await analyst.GetDecisionsAsync(),
                d => d.Kind == DecisionKind.Timeout && d.Choice == "status to data-engineering"
            );
            Assert.Equal(AgentState.Idle, (await data.GetStatusAsync()).State);

            // An event to a paused agent is not acknowledged: it waits in the sender's persisted outbox.
            await risk.PauseAsync("test");
            pendingId = await analyst.SendAsync(AgentNames.RiskManagement, new Note("exposure", "over the day cap"));
            await Task.Delay(1000);
            Assert.Equal(1, await analyst.OutboxCountAsync());
        }

        // A new cluster on the same database: the outbox comes back with the sender, the message is
        // resent, and once the recipient runs again it is delivered and acknowledged, exactly once.
        await using (var cluster = await StorageCluster.StartAsync(database, "agents-bus", 1, Fast))
        {
            var analyst = cluster.Grains.Agent(AgentNames.StrategyAnalyst);
            var risk = cluster.Grains.Agent(AgentNames.RiskManagement);
            Assert.Equal(1, await analyst.OutboxCountAsync());
            await risk.ResumeAsync("test");
            await Eventually.WaitAsync(async () => (await analyst.OutboxCountAsync()) == 0, TimeSpan.FromSeconds(20));
            await Task.Delay(2500); // a resend after delivery would show up as a second receipt
            Assert.Single(await risk.GetMessagesAsync(), m => m.Message.Id == pendingId && m.Direction == "in");
        }
    }
}
