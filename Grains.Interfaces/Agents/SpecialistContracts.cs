using Orleans.Betting.Swarms;
using Orleans.Concurrency;

namespace Orleans.Betting.Agents;

/// <summary>Which market the agents trade (Betting:Market:*): synthetic (seeded, optionally with a planted edge) or imported data.</summary>
[GenerateSerializer, Immutable]
public sealed record MarketSettings(
    [property: Id(0)] string Source,
    [property: Id(1)] int Seed,
    [property: Id(2)] string Plant,
    [property: Id(3)] IReadOnlyList<string> Leagues,
    [property: Id(4)] IReadOnlyList<string> Seasons,
    [property: Id(5)] int SyntheticLeagues = 1);

[GenerateSerializer, Immutable]
public sealed record SeasonSpan(
    [property: Id(0)] string Season,
    [property: Id(1)] DateTime FirstKickoffUtc,
    [property: Id(2)] DateTime LastKickoffUtc,
    [property: Id(3)] int Matches);

[GenerateSerializer, Immutable]
public sealed record MarketLayout(
    [property: Id(0)] IReadOnlyList<string> Leagues,
    [property: Id(1)] IReadOnlyList<SeasonSpan> Seasons,
    [property: Id(2)] string Description,
    [property: Id(3)] IReadOnlyList<string> QualityIssues);

/// <summary>A completed league-season's market facts for the regime check.</summary>
[GenerateSerializer, Immutable]
public sealed record SeasonMarketFacts(
    [property: Id(0)] string Season,
    [property: Id(1)] int Matches,
    [property: Id(2)] int HomeWins,
    [property: Id(3)] double MeanBooksum,
    [property: Id(4)] double BooksumVariance);

/// <summary>An agent was asked for work while not Running.</summary>
[GenerateSerializer]
public sealed class AgentUnavailableException : Exception
{
    public AgentUnavailableException(string agent, AgentState state) : base($"agent {agent} is {state}, not Running")
    {
        Agent = agent;
    }

    [Id(0)]
    public string Agent { get; }
}

/// <summary>The Orchestrator: the cycle on the market clock (its work is driven by its own ticks).</summary>
public interface IOrchestratorAgent : IAgentGrain
{
}

/// <summary>Finds an agent's grain by name (each agent kind has its own interface).</summary>
public static class AgentDirectory
{
    public static IAgentGrain Agent(this IGrainFactory grains, string name) => name switch
    {
        AgentNames.Orchestrator => grains.GetGrain<IOrchestratorAgent>(name),
        AgentNames.DataEngineering => grains.GetGrain<IDataEngineeringAgent>(name),
        AgentNames.StrategyAnalyst => grains.GetGrain<IStrategyAnalystAgent>(name),
        AgentNames.RiskManagement => grains.GetGrain<IRiskManagementAgent>(name),
        AgentNames.PerformanceAnalyst => grains.GetGrain<IPerformanceAnalystAgent>(name),
        _ => throw new ArgumentException($"no agent '{name}': the agents are {string.Join(", ", AgentNames.All.Select(a => a.Name))}"),
    };
}

/// <summary>DataEngineering: prepares the market (generation or import, quality checks) and computes cached features.</summary>
public interface IDataEngineeringAgent : IAgentGrain
{
    Task<MarketLayout> PrepareMarketAsync(MarketSettings settings);

    Task<IReadOnlyList<SeasonMarketFacts>> SeasonFactsAsync(IReadOnlyList<string> leagues, IReadOnlyList<string> seasons);
}

/// <summary>StrategyAnalyst: runs swarms (generation + validation) and backtests for the orchestrator.</summary>
public interface IStrategyAnalystAgent : IAgentGrain
{
    /// <summary>Starts the run once (idempotent by run id) and returns its status.</summary>
    Task<SwarmRunStatus> StartSwarmAsync(string runId, SwarmRunRequest request);

    Task<SwarmRunStatus> SwarmStatusAsync(string runId);

    /// <summary>The strategy's per-match returns on the seasons (for redundancy checks).</summary>
    Task<IReadOnlyList<double>> ReturnsAsync(string strategyId, string league, IReadOnlyList<string> seasons);
}

[GenerateSerializer, Immutable]
public sealed record RiskVeto([property: Id(0)] string MatchId, [property: Id(1)] string Outcome, [property: Id(2)] string Rule, [property: Id(3)] string Reason);

[GenerateSerializer, Immutable]
public sealed record RiskDecision(
    [property: Id(0)] IReadOnlyList<PaperBet> Accepted,
    [property: Id(1)] IReadOnlyList<RiskVeto> Vetoes);

/// <summary>RiskManagement: Kelly sizing within exposure caps per match, day and league, a bankroll floor, vetoes with reasons.</summary>
public interface IRiskManagementAgent : IAgentGrain
{
    Task<RiskDecision> SizeAsync(IReadOnlyList<PaperBet> proposed);
}

[GenerateSerializer, Immutable]
public sealed record PerformanceSummary(
    [property: Id(0)] int Settled,
    [property: Id(1)] double Profit,
    [property: Id(2)] double Roi,
    [property: Id(3)] double? MeanClv,
    [property: Id(4)] double MaxDrawdown,
    [property: Id(5)] int StillOpen);

/// <summary>PerformanceAnalyst: settles paper bets when results arrive and keeps ROI, CLV and drawdown.</summary>
public interface IPerformanceAnalystAgent : IAgentGrain
{
    Task<PerformanceSummary> SettleAsync(DateTime clockUtc);
}
