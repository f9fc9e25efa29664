namespace Orleans.Betting.Agents;

[GenerateSerializer, Immutable]
[Alias("betting.AgentStatus")]
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
    [property: Id(10)] IReadOnlyList<AgentTransition> Transitions,
    [property: Id(11)] long RecordBytes = 0,
    [property: Id(12)] Views.AgentMemoryView? View = null
)
{
    /// <summary>The agent's memory as text for people, made from <see cref="View"/> (field 9, where this text once travelled, stays unused).</summary>
    public IReadOnlyDictionary<string, string> Memory => View?.Fields().ToDictionary() ?? new Dictionary<string, string>();

    /// <summary>The agent's memory as its typed record (<see cref="Memory"/> is the same as text); throws when this agent keeps another kind.</summary>
    public TView MemoryAs<TView>()
        where TView : Views.AgentMemoryView =>
        View as TView
        ?? throw new InvalidOperationException(
            $"agent {Name} describes its memory as {View?.GetType().Name ?? "nothing"}, not {typeof(TView).Name}"
        );
}
