using Orleans.Betting.Market;

namespace Orleans.Betting.Quant;

/// <summary>
/// Profit per unit staked for every market type, including Asian and goal-line quarter lines
/// (half the stake on each neighbouring half/whole line: half wins, half losses and pushes).
/// </summary>
public static class Settlement
{
    public static double UnitReturn(MarketType market, Outcome outcome, double line, double price, MatchResult result) =>
        UnitReturn(market, outcome, line, price, result.HomeGoals, result.AwayGoals);

    public static double UnitReturn(MarketType market, Outcome outcome, double line, double price, int homeGoals, int awayGoals)
    {
        var diff = homeGoals - awayGoals;
        var total = homeGoals + awayGoals;
        switch (market)
        {
            case MarketType.MatchOdds:
            {
                var won = outcome switch
                {
                    Outcome.Home => diff > 0,
                    Outcome.Draw => diff == 0,
                    Outcome.Away => diff < 0,
                    _ => throw new QuantException($"outcome {outcome} does not belong to the 1X2 market"),
                };
                return won ? price - 1 : -1;
            }

            case MarketType.MoneyLine:
            {
                var sign = outcome switch
                {
                    Outcome.Home => diff,
                    Outcome.Away => -diff,
                    _ => throw new QuantException($"outcome {outcome} does not belong to the two-way money line"),
                };
                return sign > 0 ? price - 1
                    : sign < 0 ? -1
                    : 0; // a tie: the stake comes back
            }

            case MarketType.OverUnder:
            {
                var margin = outcome switch
                {
                    Outcome.Over => total - line,
                    Outcome.Under => line - total,
                    _ => throw new QuantException($"outcome {outcome} does not belong to the over/under market"),
                };
                return LineReturn(margin, line, price);
            }

            case MarketType.AsianHandicap:
            {
                var margin = outcome switch
                {
                    Outcome.Home => diff + line,
                    Outcome.Away => -diff - line,
                    _ => throw new QuantException($"outcome {outcome} does not belong to the Asian handicap market"),
                };
                return LineReturn(margin, line, price);
            }

            default:
                throw new QuantException($"unknown market {market}");
        }
    }

    public static bool IsQuarterLine(double line)
    {
        var quarters = line * 4;
        var rounded = Math.Round(quarters);
        return Math.Abs(quarters - rounded) < 1e-9 && ((long)rounded & 1) == 1;
    }

    /// <summary>margin = goals beyond the line from the bettor's side (both move ±0.25 with a quarter split).</summary>
    private static double LineReturn(double margin, double line, double price)
    {
        if (double.IsNaN(line))
        {
            throw new QuantException("a line market needs a line");
        }

        return IsQuarterLine(line) ? 0.5 * (Whole(margin - 0.25, price) + Whole(margin + 0.25, price)) : Whole(margin, price);
    }

    private static double Whole(double margin, double price) =>
        margin > 1e-9 ? price - 1
        : margin < -1e-9 ? -1
        : 0;
}
