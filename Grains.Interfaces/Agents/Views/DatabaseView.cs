using System.Globalization;

namespace Orleans.Betting.Agents.Views;

/// <summary>The database agent: its last probe write, failed probes and rows pruned.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.views.Database")]
public sealed record DatabaseView([property: Id(0)] double WriteMs, [property: Id(1)] int ProbeFailures, [property: Id(2)] long Pruned)
    : AgentMemoryView
{
    public override IReadOnlyList<KeyValuePair<string, string>> Fields() =>
        [
            Field("writeMs", WriteMs.ToString("F1", CultureInfo.InvariantCulture)),
            Field("probeFailures", ProbeFailures),
            Field("pruned", Pruned),
        ];
}
