using System.Globalization;

namespace Orleans.Betting.Agents.Views;

/// <summary>The performance analyst: the ledger's settled bets, ROI and mean CLV at its last settlement (null before one).</summary>
[GenerateSerializer, Immutable]
[Alias("betting.views.Performance")]
public sealed record PerformanceView(
    [property: Id(0)] int? Settled,
    [property: Id(1)] double? Roi,
    [property: Id(2)] double? MeanClv,
    // The headlines last published as bets settled, and at how many settled bets.
    [property: Id(3)] IReadOnlyList<string>? Headlines = null,
    [property: Id(4)] int? PublishedAtSettled = null
) : AgentMemoryView
{
    public override IReadOnlyList<KeyValuePair<string, string>> Fields() =>
        Settled is { } settled
            ?
            [
                Field("settled", settled),
                Field("roi", (Roi ?? 0).ToString("P2", CultureInfo.InvariantCulture)),
                Field("meanClv", MeanClv?.ToString("P2", CultureInfo.InvariantCulture) ?? "-"),
                .. (Headlines ?? []).Select((h, i) => Field($"insight{i + 1}", h)),
            ]
            : [];
}
