using System.Globalization;

namespace Orleans.Betting.Agents.Views;

/// <summary>
/// Risk management: picks accepted and vetoed, stakes cut, and the last sizing: the drawdown it saw (a share of the
/// peak), the de-risking scale it applied, and the day's stakes sized one by one against sized together (money).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("betting.views.Risk")]
public sealed record RiskView(
    [property: Id(0)] long Accepted,
    [property: Id(1)] long Vetoed,
    [property: Id(2)] long Cut = 0,
    [property: Id(3)] PortfolioSizing? Last = null
) : AgentMemoryView
{
    public override IReadOnlyList<KeyValuePair<string, string>> Fields() =>
        [Field("accepted", Accepted), Field("vetoed", Vetoed), .. (Last is { } last ? SizingFields(last) : [])];

    private KeyValuePair<string, string>[] SizingFields(PortfolioSizing last) =>
        [
            Field("cut", Cut),
            Field("drawdown", last.DrawdownShare.ToString("P1", CultureInfo.InvariantCulture)),
            Field("scale", last.DeRiskScale.ToString("P0", CultureInfo.InvariantCulture)),
            Field("independent", last.IndependentStake.ToString("F2", CultureInfo.InvariantCulture)),
            Field("portfolio", last.FinalStake.ToString("F2", CultureInfo.InvariantCulture)),
        ];
}
