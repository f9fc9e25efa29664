using Orleans.Betting.Agents;

namespace Orleans.Betting.Silo.Hosting.StartupTasks;

/// <summary>Starts every agent (idempotent: a Running agent stays as it is; a restarted silo's agents resume from their persisted step).</summary>
public sealed class StartAgentsTask(IGrainFactory grains) : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken)
    {
        foreach (var (name, _) in AgentNames.All)
        {
            await grains.Agent(name).StartAsync("silo started");
        }
    }
}
