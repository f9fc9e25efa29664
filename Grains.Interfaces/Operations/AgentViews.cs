using Orleans.Betting.Agents;

namespace Orleans.Betting.Operations;

/// <summary>One agent's state as operators read it (its memory as named fields).</summary>
public sealed record AgentView(
    string Name,
    string Role,
    string State,
    string? StateReason,
    long Ticks,
    DateTime? LastTickUtc,
    string? LastError,
    string? CurrentStep,
    IReadOnlyDictionary<string, string> Memory,
    IReadOnlyList<string> Tools
)
{
    public static AgentView From(AgentStatus a) =>
        new(
            a.Name,
            a.Role.ToString().ToLowerInvariant(),
            a.State.ToString(),
            a.StateReason,
            a.Ticks,
            a.LastTickUtc,
            a.LastError,
            a.CurrentStep,
            a.Memory,
            a.Tools
        );
}

/// <summary>One decision of an agent's log: its inputs, the alternatives, the choice and the reasons.</summary>
public sealed record DecisionView(
    string Agent,
    int Cycle,
    string Kind,
    string Choice,
    IReadOnlyList<string> Alternatives,
    IReadOnlyDictionary<string, string> Inputs,
    IReadOnlyList<string> Reasons,
    DateTime AtUtc
)
{
    public static DecisionView From(AgentDecision d) =>
        new(d.Agent, d.Cycle, d.Kind.Text, d.Choice, d.Alternatives, d.Inputs, d.Reasons, d.AtUtc);
}
