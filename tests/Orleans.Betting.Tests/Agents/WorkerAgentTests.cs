using Orleans.Betting.Agents;
using Orleans.Betting.Agents.Views;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Health;
using Orleans.Betting.Market;
using Orleans.Betting.Silo.Simulation;

namespace Orleans.Betting.Tests.Agents;

/// <summary>The worker and intelligence agents doing their duties in a cluster wired to the odds simulator and a loopback webhook.</summary>
[Trait(Tier.Name, Tier.System)]
public sealed class WorkerAgentTests
{
    [Fact]
    public async Task SelfHealingRestartsThenEscalatesLoggingRecordsNotificationDeduplicatesAndTheOthersDoTheirWork()
    {
        await using var hook = await WebhookReceiver.StartAsync();

        await using var env = await SimulatedApiCluster.StartAsync(
            "agents-workers",
            new SimulatorOptions { Seed = 5, MonthlyQuota = 100_000_000 },
            silos: 1,
            configuration: FastHealth.Settings(
                hook,
                new Dictionary<string, string?>
                {
                    // Two seasons are too few for the orchestrator: it faults every time it starts.
                    ["Betting:Market:Seasons"] = "2015-2016..2016-2017",
                    ["Betting:Health:Remediation:VerifySeconds"] = "2",
                    ["Betting:LiveOdds:Sports"] = "soccer_epl",
                    ["Betting:LiveOdds:PollSeconds"] = "2",
                    // The quota plan's pace at test scale: every tier two seconds (the floor decides).
                    ["Betting:LiveOdds:PollNearMinutes"] = "0.01",
                    ["Betting:LiveOdds:PollDayMinutes"] = "0.01",
                    ["Betting:LiveOdds:PollFarMinutes"] = "0.01",
                    ["Betting:LiveOdds:PollIdleMinutes"] = "0.01",
                    ["Betting:Apis:Odds:MonthlyCredits"] = "100000000", // a plan that affords it
                }
            )
        );
        var grains = env.Grains;
        foreach (var (name, _) in AgentNames.All)
        {
            await grains.Agent(name).StartAsync("test");
        }

        // Every agent describes its memory as its own typed record, and its text is made from that record.
        foreach (var (name, _) in AgentNames.All)
        {
            var status = await grains.Agent(name).GetStatusAsync();
            Assert.NotNull(status.View);
            Assert.Equal(status.View.Fields().ToDictionary(), status.Memory);
        }

        Assert.Equal(
            AgentNames.All.Count,
            (await Task.WhenAll(AgentNames.All.Select(a => grains.Agent(a.Name).GetStatusAsync())))
                .Select(s => s.View!.GetType())
                .Distinct()
                .Count()
        );

        // SelfHealing starts the health monitor, which restarts the faulting orchestrator twice, then leaves it to a human.
        var healer = grains.Agent(AgentNames.SelfHealing);
        await Eventually.WaitAsync(
            async () => (await healer.GetStatusAsync()).MemoryAs<SelfHealingView>().Escalated.Contains("agent:" + AgentNames.Orchestrator),
            TimeSpan.FromSeconds(60)
        );
        var orchestrator = await grains.Agent(AgentNames.Orchestrator).GetStatusAsync();
        Assert.Equal(AgentState.Faulted, orchestrator.State);
        Assert.Contains("at least 4", orchestrator.LastError);
        Assert.Equal(
            2,
            orchestrator.Transitions.Count(t =>
                t.Reason.StartsWith("health incident", StringComparison.Ordinal) && t.To == AgentState.Running
            )
        );
        var incident = Assert.Single(
            await grains
                .GetGrain<Orleans.Betting.Health.IHealthMonitorGrain>(Orleans.Betting.Health.IHealthMonitorGrain.Key)
                .GetIncidentsAsync(),
            i => i.Subject == "agent:" + AgentNames.Orchestrator
        );
        Assert.True(incident.Escalated);
        Assert.Equal(["notify", "restart-agent", "restart-agent", "escalate"], incident.Actions.Select(a => a.Action));
        Assert.All(incident.Actions.Where(a => a.Action == "restart-agent"), a => Assert.Equal(StepResult.Failed, a.Result));

        // One alert for the incident and one for its escalation reached the webhook; a repeat of the key is suppressed.
        var key = $"incident|{incident.Id}";
        await Eventually.WaitAsync(() => Task.FromResult(hook.WithKey(key + "|escalated").Count > 0), TimeSpan.FromSeconds(30));
        var notifier = grains.GetGrain<INotificationAgent>(AgentNames.Notification);
        await notifier.NotifyAsync(new Alert(key, Severity.Critical, "test", "the same incident again"));
        // Waits for the repeat to be handled (counted as suppressed), not for a fixed time.
        await Eventually.WaitAsync(
            async () => (await notifier.GetStatusAsync()).MemoryAs<NotificationView>().Suppressed >= 1,
            TimeSpan.FromSeconds(30)
        );
        Assert.Single(hook.WithKey(key));
        Assert.Equal("critical", Assert.Single(hook.WithKey(key + "|escalated")).Body.GetProperty("severity").GetString());

        // The audit trail holds each remediation step as a SelfHealing decision.
        var logging = grains.GetGrain<ILoggingAgent>(AgentNames.Logging);
        await Eventually.WaitAsync(
            async () => (await logging.QueryAsync(AgentNames.SelfHealing, DecisionKind.ForRemediation("escalate"))).Count == 1,
            TimeSpan.FromSeconds(30)
        );
        Assert.Equal(2, (await logging.QueryAsync(AgentNames.SelfHealing, DecisionKind.ForRemediation("restart-agent"))).Count);

        // MarketIntelligence keeps soccer_epl polling (through the pool, against the simulator) at the ApiManager's pace.
        var board = grains.GetGrain<ILiveOddsGrain>("soccer_epl");
        await Eventually.WaitAsync(async () => (await board.GetBoardAsync()).Polls >= 1, TimeSpan.FromSeconds(20));
        Assert.Equal(2, (await board.GetBoardAsync()).PollSeconds);

        // The quota is spent mid-month (the API's own headers say so on the next poll): 1,000 credits left is
        // inside the 10 % reserve, so the ApiManager's plan stops polling and MarketIntelligence follows.
        var manager = grains.GetGrain<IApiManagerAgent>(AgentNames.ApiManager);
        Assert.Equal("on plan", (await manager.QuotaPlanAsync())!.State);
        env.Simulator.SpendCredits(env.Simulator.Stats().CreditsRemaining - 1000);
        await Eventually.WaitAsync(
            async () => double.IsPositiveInfinity(await manager.RecommendedPollSecondsAsync()),
            TimeSpan.FromSeconds(30)
        );
        await Eventually.WaitAsync(async () => (await board.GetBoardAsync()).Polling is null, TimeSpan.FromSeconds(30));
        var plan = (await manager.QuotaPlanAsync())!;
        Assert.StartsWith("stopped", plan.State);
        Assert.Equal(10_000_000, plan.Reserve);
        Assert.Contains(await manager.GetDecisionsAsync(), d => d.Kind == DecisionKind.PollPace && d.Choice == "stop polling");
        var polls = (await board.GetBoardAsync()).Polls;
        await Task.Delay(3000);
        Assert.Equal(polls, (await board.GetBoardAsync()).Polls); // no polling into the reserve

        // Critical calls are still served from the reserve.
        var pool = grains.GetGrain<IApiWorkerGrain>(0);
        var critical = await pool.GetOddsAsync(new OddsQuery("soccer_epl", "eu", "h2h"), RequestPriority.Critical);
        Assert.NotEmpty(critical.Events);

        // The month resets: the next answer's headers say so and polling resumes at the plan's pace.
        env.Simulator.ResetMonth();
        await pool.GetOddsAsync(new OddsQuery("soccer_epl", "uk", "h2h"), RequestPriority.Critical);
        await Eventually.WaitAsync(async () => (await board.GetBoardAsync()).Polling is not null, TimeSpan.FromSeconds(30));
        Assert.Equal(2, (await board.GetBoardAsync()).PollSeconds);

        // Database: storage answers a timed write, and its upkeep read what the store holds.
        var database = await grains.Agent(AgentNames.Database).GetStatusAsync();
        Assert.True(database.MemoryAs<DatabaseView>().WriteMs > 0);
        Assert.Equal(0, database.MemoryAs<DatabaseView>().ProbeFailures);
        Assert.True(database.MemoryAs<DatabaseView>().StoredBytes > 0);

        // Logging keeps the incident beside the decisions: its opening, its steps and its escalation, read by cursor.
        var escalated = $"#{incident.Id} AgentFaulted agent:{AgentNames.Orchestrator}: escalated";
        await Eventually.WaitAsync(
            async () => (await logging.QueryAsync(AgentNames.Logging, DecisionKind.Incident)).Any(e => e.Decision.Choice == escalated),
            TimeSpan.FromSeconds(30)
        );
        var health = await logging.QueryAsync(AgentNames.Logging, DecisionKind.Incident);
        // Seen before its escalation too (opened, or a step taken), with the evidence and the last step as reasons.
        Assert.True(
            health.Count(e => e.Decision.Choice.StartsWith($"#{incident.Id} ", StringComparison.Ordinal)) >= 2,
            string.Join("; ", health.Select(e => e.Decision.Choice))
        );
        Assert.Contains(
            health.Single(e => e.Decision.Choice == escalated).Decision.Reasons,
            r => r.StartsWith("escalate: ", StringComparison.Ordinal)
        );
        var page = await grains.Agent(AgentNames.Logging).GetDecisionsSinceAsync(0, 500);
        Assert.Contains(page, e => e.Decision.Kind == DecisionKind.Incident);

        // The escalation waits in the humans' queue beside the strategies. A human lets automation retry:
        // the restarts resume, fail again (the orchestrator's data is still short), and it is asked again.
        var monitor = grains.GetGrain<Orleans.Betting.Health.IHealthMonitorGrain>(Orleans.Betting.Health.IHealthMonitorGrain.Key);
        var queue = grains.GetGrain<IApprovalQueueGrain>(IApprovalQueueGrain.Key);
        var subject = ApprovalItem.IncidentSubject(incident.Id);
        await Eventually.WaitAsync(async () => (await queue.ListAsync()).Any(i => i.Subject == subject), TimeSpan.FromSeconds(30));
        var asked = (await queue.ListAsync()).Single(i => i.Subject == subject);
        Assert.Equal((ApprovalKind.Incident, ApprovalState.Pending), (asked.Kind, asked.State));
        Assert.Equal($"AgentFaulted on agent:{AgentNames.Orchestrator}", asked.Spec);
        Assert.Contains(asked.Flags, f => f.Contains("restart-agent: failed", StringComparison.Ordinal));

        Assert.Equal(ApprovalState.Approved, (await queue.DecideAsync(subject, approve: true, "ops")).State);
        async Task<Orleans.Betting.Health.IncidentView> Incident() => (await monitor.GetIncidentsAsync()).Single(i => i.Id == incident.Id);
        await Eventually.WaitAsync(
            async () => (await Incident()).Actions.Count(a => a.Action == "escalate") == 2,
            TimeSpan.FromSeconds(60),
            async () => string.Join(", ", (await Incident()).Actions.Select(a => $"{a.Action}:{a.Result}"))
        );
        Assert.Equal(
            ["notify", "restart-agent", "restart-agent", "escalate", "human", "restart-agent", "restart-agent", "escalate"],
            (await Incident()).Actions.Select(a => a.Action)
        );
        Assert.Equal(StepResult.Retry, (await Incident()).Actions.Single(a => a.Action == "human").Result);
        await Eventually.WaitAsync(
            async () => (await queue.ListAsync()).Single(i => i.Subject == subject).State == ApprovalState.Pending,
            TimeSpan.FromSeconds(30)
        );
        await Eventually.WaitAsync(() => Task.FromResult(hook.WithKey(key + "|escalated-2").Count > 0), TimeSpan.FromSeconds(30)); // the second escalation is news

        // This time the human keeps it: automation stays off, and the decision is final.
        Assert.Equal(ApprovalState.Rejected, (await queue.DecideAsync(subject, approve: false, "ops")).State);
        Assert.Equal(StepResult.Handled, (await Incident()).Actions.Last().Result);
        Assert.True((await Incident()).Escalated);
        await Assert.ThrowsAsync<ArgumentException>(() => queue.DecideAsync(subject, approve: true, "ops"));
    }
}
