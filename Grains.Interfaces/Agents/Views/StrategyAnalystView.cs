namespace Orleans.Betting.Agents.Views;

/// <summary>The strategy analyst: swarm runs started and the last one.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.views.StrategyAnalyst")]
public sealed record StrategyAnalystView([property: Id(0)] int RunsStarted, [property: Id(1)] string? LastRun) : AgentMemoryView
{
    public override IReadOnlyList<KeyValuePair<string, string>> Fields() =>
        [Field("runsStarted", RunsStarted), Field("lastRun", LastRun ?? "-")];
}
