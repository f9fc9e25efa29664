namespace Orleans.Betting.Agents;

/// <summary>
/// One decision: its inputs, the alternatives, the choice and the reasons. Kinds include the
/// orchestrator's five (generate-or-evolve, candidates, data-period, human-review, deploy),
/// conflict resolutions (veto), and refused tool calls (refused).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("betting.AgentDecision")]
public sealed record AgentDecision(
    [property: Id(0)] string Agent,
    [property: Id(1)] int Cycle,
    [property: Id(2)] DecisionKind Kind,
    [property: Id(3)] string Choice,
    [property: Id(4)] IReadOnlyList<string> Alternatives,
    [property: Id(5)] IReadOnlyDictionary<string, string> Inputs,
    [property: Id(6)] IReadOnlyList<string> Reasons,
    [property: Id(7)] DateTime AtUtc
);
