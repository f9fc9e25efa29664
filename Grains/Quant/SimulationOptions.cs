namespace Orleans.Betting.Quant;

public sealed record SimulationOptions(
    int Seed,
    int Leagues,
    IReadOnlyList<string> Seasons,
    MarketPlant Plant,
    int TeamsPerLeague = 20,
    Market.MarketRealism Realism = Market.MarketRealism.Classic
)
{
    public static MarketPlant ParsePlant(string text) => MarketPlant.Parse(text);
}
