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
        AgentNames.MarketIntelligence => grains.GetGrain<IMarketIntelligenceAgent>(name),
        AgentNames.ApiManager => grains.GetGrain<IApiManagerAgent>(name),
        AgentNames.Database => grains.GetGrain<IDatabaseAgent>(name),
        AgentNames.Notification => grains.GetGrain<INotificationAgent>(name),
        AgentNames.Logging => grains.GetGrain<ILoggingAgent>(name),
        AgentNames.SelfHealing => grains.GetGrain<ISelfHealingAgent>(name),
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

/// <summary>One strategy's live record: the settled paper bets it backed.</summary>
[GenerateSerializer, Immutable]
public sealed record StrategyTrackRecord(
    [property: Id(0)] string StrategyId,
    [property: Id(1)] int Bets,
    [property: Id(2)] double Staked,
    [property: Id(3)] double Profit,
    [property: Id(4)] double? MeanClv,
    [property: Id(5)] double Weight,
    [property: Id(6)] bool RetirementProposed,
    [property: Id(7)] double ReturnSd = 0)
{
    public double Roi => Staked > 0 ? Profit / Staked : 0;
}

/// <summary>PerformanceAnalyst: settles paper bets when results arrive, keeps ROI, CLV and drawdown overall and per strategy, sets consensus weights and proposes retiring decaying strategies.</summary>
public interface IPerformanceAnalystAgent : IAgentGrain
{
    Task<PerformanceSummary> SettleAsync(DateTime clockUtc);

    [Orleans.Concurrency.AlwaysInterleave]
    Task<IReadOnlyList<StrategyTrackRecord>> TrackRecordsAsync();
}

/// <summary>An alert for people: de-duplicated by key, sent through the webhook (console when none is configured).</summary>
[GenerateSerializer, Immutable]
public sealed record Alert(
    [property: Id(0)] string Key,
    [property: Id(1)] string Severity,
    [property: Id(2)] string Source,
    [property: Id(3)] string Text);

/// <summary>Notification: alerts and the daily report, never blocking the sender.</summary>
public interface INotificationAgent : IAgentGrain
{
    /// <summary>Queues the alert; a key already sent within the cooldown is dropped (one alert per incident, not a storm).</summary>
    [Orleans.Concurrency.OneWay]
    Task NotifyAsync(Alert alert);

    [Orleans.Concurrency.AlwaysInterleave]
    Task<IReadOnlyList<string>> SentAsync();
}

/// <summary>ApiManager: watches the API buckets and quotas and advises the polling interval.</summary>
public interface IApiManagerAgent : IAgentGrain
{
    [Orleans.Concurrency.AlwaysInterleave]
    Task<double> RecommendedPollSecondsAsync();
}

/// <summary>MarketIntelligence: live odds polling through the API pool at the ApiManager's pace, steam moves turned into alerts.</summary>
public interface IMarketIntelligenceAgent : IAgentGrain
{
}

/// <summary>Database: storage health (a timed persisted write) and pruning of old price histories.</summary>
public interface IDatabaseAgent : IAgentGrain
{
}

[GenerateSerializer, Immutable]
public sealed record AuditEntry([property: Id(0)] long Sequence, [property: Id(1)] AgentDecision Decision);

/// <summary>Logging: the audit trail of every agent's decisions, persisted and queryable.</summary>
public interface ILoggingAgent : IAgentGrain
{
    [Orleans.Concurrency.AlwaysInterleave]
    Task<IReadOnlyList<AuditEntry>> QueryAsync(string? agent = null, string? kind = null, int limit = 200);
}

/// <summary>SelfHealing: restarts faulted agents with a cooldown, escalates to a human after repeated failures.</summary>
public interface ISelfHealingAgent : IAgentGrain
{
}

/// <summary>A persisted write whose latency says how the storage is.</summary>
public interface IStorageProbeGrain : IGrainWithStringKey
{
    Task<double> ProbeAsync();
}
