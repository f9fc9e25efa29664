using Orleans.Betting.Agents;
using Orleans.Betting.Health;
using Orleans.Betting.Market;

namespace Orleans.Betting.Silo.Hosting;

/// <summary>What this silo runs besides its grains, decided once from the profile and the options.</summary>
public sealed record SiloRoles(bool MainJob, bool Agents, bool Health)
{
    public static SiloRoles From(
        SiloSettings settings,
        MainJobOptions mainJob,
        AgentOptions agents,
        MarketOptions market,
        HealthOptions health
    )
    {
        var runsMainJob = mainJob.EnabledFor(settings.Profile);
        // The agents run where the main job does, unless set explicitly; CSVs to import (--import) mean the one-shot swarm run.
        var runsAgents = agents.Enabled ?? (runsMainJob && string.IsNullOrWhiteSpace(market.ImportDir));
        return new SiloRoles(runsMainJob, runsAgents, health.Enabled);
    }
}
