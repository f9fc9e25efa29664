using System.Globalization;

namespace Orleans.Betting.Agents.Views;

/// <summary>The API manager: its live poll pace, the quota plan and the APIs' summary.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.views.ApiManager")]
public sealed record ApiManagerView(
    [property: Id(0)] double PollSeconds,
    [property: Id(1)] string? QuotaPlan,
    [property: Id(2)] string? Apis
) : AgentMemoryView
{
    public override IReadOnlyList<KeyValuePair<string, string>> Fields() =>
        [
            Field("pollSeconds", PollSeconds.ToString("0.###", CultureInfo.InvariantCulture)),
            Field("quotaPlan", QuotaPlan ?? "-"),
            Field("apis", Apis ?? "-"),
        ];
}
