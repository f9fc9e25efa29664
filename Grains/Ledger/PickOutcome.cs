using System.Globalization;
using Orleans.Betting.Market;

namespace Orleans.Betting.Ledger;

/// <summary>Reads the outcome keys strategies vote with: "home", "draw", "away", "over 2.5", "under 2.5", "ah home -0.75", and the two-way money line's "ml home".</summary>
public static class PickOutcome
{
    public static bool TryParse(string key, out MarketType market, out Outcome outcome, out double line)
    {
        var parts = key.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        (market, outcome, line) = (MarketType.MatchOdds, Outcome.Home, double.NaN);
        switch (parts)
        {
            case [var side]
                when Enum.TryParse(side, ignoreCase: true, out outcome) && outcome is Outcome.Home or Outcome.Draw or Outcome.Away:
                return true;
            case [var side, var l]
                when Enum.TryParse(side, ignoreCase: true, out outcome)
                    && outcome is Outcome.Over or Outcome.Under
                    && double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out line):
                market = MarketType.OverUnder;
                return true;
            case ["ah", var side, var l]
                when Enum.TryParse(side, ignoreCase: true, out outcome)
                    && outcome is Outcome.Home or Outcome.Away
                    && double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out line):
                market = MarketType.AsianHandicap;
                return true;
            case ["ml", var side] when Enum.TryParse(side, ignoreCase: true, out outcome) && outcome is Outcome.Home or Outcome.Away:
                market = MarketType.MoneyLine;
                return true;
            default:
                return false;
        }
    }
}
