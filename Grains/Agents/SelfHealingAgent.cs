using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans.Betting.Health;

namespace Orleans.Betting.Agents;

/// <summary>
/// SelfHealing: the hands of the health monitor in the agents' world. It keeps the monitor running
/// (which detects, remediates — restarting faulted agents among other things — verifies and
/// escalates) and writes every remediation step into its own decision log, so the Logging
/// agent's audit trail holds each incident's actions beside the other agents' decisions.
/// </summary>
public sealed class SelfHealingAgent(
    [PersistentState("agent", StorageNames.Betting)] IPersistentState<AgentRecord<SelfHealingMemory>> record,
    IGrainFactory grains,
    AgentContext context,
    ILogger<SelfHealingAgent> logger
) : AgentGrain<SelfHealingMemory>(record, context, logger), ISelfHealingAgent
{
    protected override AgentRole Role => AgentRole.Worker;

    protected override double DefaultTickSeconds => 2;

    protected override IReadOnlyList<string> Tools { get; } = [ToolNames.HealthStart, ToolNames.HealthIncidents];

    protected override Views.AgentMemoryView DescribeMemory() =>
        new Views.SelfHealingView(Memory.StepsSeen.Values.Sum(), Memory.OpenIncidents, [.. Memory.Escalated]);

    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
        var monitor = grains.GetGrain<Health.IHealthMonitorGrain>(Health.IHealthMonitorGrain.Key);
        if (!Memory.MonitorStarted)
        {
            await UseToolAsync(ToolNames.HealthStart, () => monitor.StartAsync());
            Memory.MonitorStarted = true;
        }

        var incidents = await UseToolAsync(ToolNames.HealthIncidents, () => monitor.GetIncidentsAsync(false, 50));
        Memory.OpenIncidents = incidents.Count(i => i.ResolvedUtc is null);
        var changed = false;
        foreach (var incident in incidents.OrderBy(i => i.Id))
        {
            var seen = Memory.StepsSeen.GetValueOrDefault(incident.Id);
            foreach (var step in incident.Actions.Skip(seen))
            {
                Decide(
                    0,
                    DecisionKind.ForRemediation(step.Action),
                    $"incident {incident.Id}: {step.Result.Text()}",
                    ["remediate", "escalate", "wait"],
                    new Dictionary<string, string>
                    {
                        ["incident"] = incident.Id.ToString(CultureInfo.InvariantCulture),
                        ["subject"] = incident.Subject,
                        ["kind"] = incident.Kind,
                        ["result"] = step.Result.Text(),
                    },
                    [incident.Evidence, step.Detail]
                );
                if (step.Action == Health.RemediationActions.Escalate)
                {
                    Memory.Escalated.Add(incident.Subject);
                }

                changed = true;
            }

            Memory.StepsSeen[incident.Id] = incident.Actions.Count;
        }

        foreach (var old in Memory.StepsSeen.Keys.Where(id => incidents.All(i => i.Id != id)).ToList())
        {
            Memory.StepsSeen.Remove(old);
        }

        if (changed)
        {
            await SaveAsync();
        }
    }
}

[GenerateSerializer]
[Alias("betting.SelfHealingMemory")]
public sealed class SelfHealingMemory
{
    [Id(0)]
    public Dictionary<long, int> StepsSeen { get; set; } = [];

    [Id(1)]
    public HashSet<string> Escalated { get; set; } = [];

    [Id(2)]
    public bool MonitorStarted { get; set; }

    [Id(3)]
    public int OpenIncidents { get; set; }
}
