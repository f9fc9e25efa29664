namespace Orleans.Betting.Agents.Views;

/// <summary>Risk management: picks accepted and vetoed.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.views.Risk")]
public sealed record RiskView([property: Id(0)] long Accepted, [property: Id(1)] long Vetoed) : AgentMemoryView
{
    public override IReadOnlyList<KeyValuePair<string, string>> Fields() => [Field("accepted", Accepted), Field("vetoed", Vetoed)];
}
