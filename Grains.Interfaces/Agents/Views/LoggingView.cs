namespace Orleans.Betting.Agents.Views;

/// <summary>The logging agent: decisions journaled, its sequence, the last cycle's news and the last insights heard.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.views.Logging")]
public sealed record LoggingView(
    [property: Id(0)] long Entries,
    [property: Id(1)] long Sequence,
    [property: Id(2)] string? LastCycle,
    [property: Id(3)] string? LastInsights = null
) : AgentMemoryView
{
    public override IReadOnlyList<KeyValuePair<string, string>> Fields() =>
        [
            Field("entries", Entries),
            Field("sequence", Sequence),
            Field("lastCycle", LastCycle ?? "-"),
            Field("lastInsights", LastInsights ?? "-"),
        ];
}
