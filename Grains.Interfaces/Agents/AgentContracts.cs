using Orleans.Concurrency;

namespace Orleans.Betting.Agents;

/// <summary>An agent's lifecycle: Idle → Running ⇄ Paused; Faulted (with the error) when a step keeps failing.</summary>
public enum AgentState
{
    Idle,
    Running,
    Paused,
    Faulted,
}

public enum AgentRole
{
    Orchestrator,
    Specialist,
    Worker,
}

/// <summary>The agents, by grain key.</summary>
public static class AgentNames
{
    public const string Orchestrator = "orchestrator";
    public const string DataEngineering = "data-engineering";
    public const string StrategyAnalyst = "strategy-analyst";
    public const string RiskManagement = "risk-management";
    public const string PerformanceAnalyst = "performance-analyst";
    public const string MarketIntelligence = "market-intelligence";
    public const string ApiManager = "api-manager";
    public const string Database = "database";
    public const string Notification = "notification";
    public const string Logging = "logging";
    public const string SelfHealing = "self-healing";

    public static IReadOnlyList<(string Name, AgentRole Role)> All { get; } =
    [
        (Orchestrator, AgentRole.Orchestrator),
        (DataEngineering, AgentRole.Specialist),
        (StrategyAnalyst, AgentRole.Specialist),
        (RiskManagement, AgentRole.Specialist),
        (PerformanceAnalyst, AgentRole.Specialist),
        (MarketIntelligence, AgentRole.Specialist),
        (ApiManager, AgentRole.Worker),
        (Database, AgentRole.Worker),
        (Notification, AgentRole.Worker),
        (Logging, AgentRole.Worker),
        (SelfHealing, AgentRole.Worker),
    ];
}

/// <summary>A state change with its reason, kept in the agent's memory.</summary>
[GenerateSerializer, Immutable]
public sealed record AgentTransition(
    [property: Id(0)] AgentState From,
    [property: Id(1)] AgentState To,
    [property: Id(2)] string Reason,
    [property: Id(3)] DateTime AtUtc);

/// <summary>
/// One decision: its inputs, the alternatives, the choice and the reasons. Kinds include the
/// orchestrator's five (generate-or-evolve, candidates, data-period, human-review, deploy),
/// conflict resolutions (veto), and refused tool calls (refused).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AgentDecision(
    [property: Id(0)] string Agent,
    [property: Id(1)] int Cycle,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Choice,
    [property: Id(4)] IReadOnlyList<string> Alternatives,
    [property: Id(5)] IReadOnlyDictionary<string, string> Inputs,
    [property: Id(6)] IReadOnlyList<string> Reasons,
    [property: Id(7)] DateTime AtUtc);

[GenerateSerializer, Immutable]
public sealed record AgentStatus(
    [property: Id(0)] string Name,
    [property: Id(1)] AgentRole Role,
    [property: Id(2)] AgentState State,
    [property: Id(3)] string? StateReason,
    [property: Id(4)] long Ticks,
    [property: Id(5)] DateTime? LastTickUtc,
    [property: Id(6)] string? LastError,
    [property: Id(7)] string? CurrentStep,
    [property: Id(8)] IReadOnlyList<string> Tools,
    [property: Id(9)] IReadOnlyDictionary<string, string> Memory,
    [property: Id(10)] IReadOnlyList<AgentTransition> Transitions);

/// <summary>What the agent did with a tool request: the tool's answer, or the refusal.</summary>
[GenerateSerializer, Immutable]
public sealed record ToolResult([property: Id(0)] string Tool, [property: Id(1)] bool Allowed, [property: Id(2)] string Output);

/// <summary>A tool outside the agent's registry was asked for; refused and logged.</summary>
[GenerateSerializer]
public sealed class AgentToolRefusedException : Exception
{
    public AgentToolRefusedException(string agent, string tool, IReadOnlyList<string> allowed)
        : base($"agent {agent} may not use tool '{tool}' (its tools: {string.Join(", ", allowed)})")
    {
        Agent = agent;
        Tool = tool;
    }

    [Id(0)]
    public string Agent { get; }

    [Id(1)]
    public string Tool { get; }
}

/// <summary>Every agent: a persistent grain with a lifecycle, memory, a decision log and a tool registry (key: the agent's name).</summary>
public interface IAgentGrain : IAgentBusEndpoint
{
    Task<AgentStatus> StartAsync(string reason);

    Task<AgentStatus> PauseAsync(string reason);

    Task<AgentStatus> ResumeAsync(string reason);

    [AlwaysInterleave]
    Task<AgentStatus> GetStatusAsync();

    [AlwaysInterleave]
    Task<IReadOnlyList<AgentDecision>> GetDecisionsAsync(int limit = 200);

    /// <summary>Asks the agent to use a named tool of the catalogue; refused (and logged) unless the tool is in its registry.</summary>
    Task<ToolResult> InvokeToolAsync(string tool);

    /// <summary>Chaos: every tick throws for the duration (fault-injection drills of the health monitor).</summary>
    Task InjectFaultAsync(TimeSpan duration, string reason);
}
