namespace Orleans.Betting.Agents;

/// <summary>
/// Requests of one kind from one agent to another, counted by the asker: sent, answered, and given up at their
/// deadline (timed out). Kept for the agent's life, not a window.
/// </summary>
[GenerateSerializer]
[Alias("betting.BusFlow")]
public sealed record BusFlow(
    [property: Id(0)] string From,
    [property: Id(1)] string To,
    [property: Id(2)] string Kind,
    [property: Id(3)] long Requests,
    [property: Id(4)] long Answered,
    [property: Id(5)] long TimedOut
);
