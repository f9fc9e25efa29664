namespace Orleans.Betting.Agents.Views;

/// <summary>Self-healing: incident steps seen, incidents open and what it escalated.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.views.SelfHealing")]
public sealed record SelfHealingView(
    [property: Id(0)] long StepsRecorded,
    [property: Id(1)] int OpenIncidents,
    [property: Id(2)] IReadOnlyList<string> Escalated
) : AgentMemoryView
{
    public override IReadOnlyList<KeyValuePair<string, string>> Fields() =>
        [Field("stepsRecorded", StepsRecorded), Field("openIncidents", OpenIncidents), Field("escalated", string.Join(",", Escalated))];
}
