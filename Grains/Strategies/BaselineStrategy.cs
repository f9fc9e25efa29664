using Orleans.Betting.Market;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Strategies;

/// <summary>
/// The sanity-check family: always bet one side of the 1X2 market at one price source and phase,
/// e.g. <c>baseline:outcome=home,price=pinnacle-closing</c>. A match whose chosen price is missing
/// is not bet. The probability (for Kelly) is the multiplicatively de-margined Pinnacle price of
/// the same phase, so Kelly only stakes where the chosen price beats Pinnacle's fair price.
/// </summary>
public sealed class BaselineStrategy(BaselineSide side, PriceSource source, Phase phase) : IBacktestStrategy
{
    public BaselineSide Side { get; } = side;
    public PriceSource Source { get; } = source;

    public Phase DecisionPhase { get; } = phase;

    public static IReadOnlyDictionary<string, PriceSource> PriceSources { get; } =
        new Dictionary<string, PriceSource>(StringComparer.OrdinalIgnoreCase)
        {
            ["pinnacle"] = PriceSource.Pinnacle,
            ["bet365"] = PriceSource.Bet365,
            ["market-max"] = PriceSource.MarketMax,
            ["market-avg"] = PriceSource.MarketAvg,
        };

    /// <summary>Parses the parameters of a "baseline:outcome=…,price=…-opening|-closing" spec.</summary>
    public static BaselineStrategy FromParameters(IReadOnlyDictionary<string, string> parameters)
    {
        var outcomeText = parameters.TryGetValue("outcome", out var o)
            ? o
            : throw new QuantException("baseline needs outcome=home|draw|away|favourite|underdog");
        if (!Enum.TryParse<BaselineSide>(outcomeText, ignoreCase: true, out var side))
        {
            throw new QuantException($"baseline outcome '{outcomeText}': expected home, draw, away, favourite or underdog");
        }

        var priceText = parameters.TryGetValue("price", out var p) ? p : "pinnacle-closing";
        var dash = priceText.LastIndexOf('-');
        var phaseText = dash > 0 ? priceText[(dash + 1)..] : "";
        Phase phase = phaseText.ToLowerInvariant() switch
        {
            "opening" => Phase.Opening,
            "closing" => Phase.Closing,
            _ => throw new QuantException($"baseline price '{priceText}': expected <source>-opening or <source>-closing"),
        };
        if (!PriceSources.TryGetValue(priceText[..dash], out var source))
        {
            throw new QuantException(
                $"baseline price source '{priceText[..dash]}': expected one of {string.Join(", ", PriceSources.Keys)}"
            );
        }

        return new BaselineStrategy(side, source, phase);
    }

    public void Decide(MarketView view, int match, List<BetIntent> bets)
    {
        var home = view.Price(match, Source, MarketType.MatchOdds, Outcome.Home, DecisionPhase);
        var draw = view.Price(match, Source, MarketType.MatchOdds, Outcome.Draw, DecisionPhase);
        var away = view.Price(match, Source, MarketType.MatchOdds, Outcome.Away, DecisionPhase);
        Outcome outcome;
        switch (Side)
        {
            case BaselineSide.Home:
                outcome = Outcome.Home;
                break;
            case BaselineSide.Draw:
                outcome = Outcome.Draw;
                break;
            case BaselineSide.Away:
                outcome = Outcome.Away;
                break;
            default:
                if (double.IsNaN(home) || double.IsNaN(away) || double.IsNaN(draw))
                {
                    return;
                }

                var homeFavoured = home <= away;
                outcome =
                    Side == BaselineSide.Favourite
                        ? (
                            draw < Math.Min(home, away) ? Outcome.Draw
                            : homeFavoured ? Outcome.Home
                            : Outcome.Away
                        )
                        : (homeFavoured ? Outcome.Away : Outcome.Home);
                break;
        }

        var chosen = outcome switch
        {
            Outcome.Home => home,
            Outcome.Draw => draw,
            _ => away,
        };
        if (double.IsNaN(chosen))
        {
            return;
        }

        var probability =
            Source == PriceSource.Pinnacle
                ? FairProbability(home, draw, away, outcome)
                : FairProbability(
                    view.Price(match, PriceSource.Pinnacle, MarketType.MatchOdds, Outcome.Home, DecisionPhase),
                    view.Price(match, PriceSource.Pinnacle, MarketType.MatchOdds, Outcome.Draw, DecisionPhase),
                    view.Price(match, PriceSource.Pinnacle, MarketType.MatchOdds, Outcome.Away, DecisionPhase),
                    outcome
                );
        bets.Add(new BetIntent(MarketType.MatchOdds, outcome, double.NaN, Source, DecisionPhase, probability));
    }

    private static double FairProbability(double h, double d, double a, Outcome outcome)
    {
        if (double.IsNaN(h) || double.IsNaN(d) || double.IsNaN(a))
        {
            return 0; // no fair price: Kelly stakes nothing, flat still bets
        }

        var booksum = 1 / h + 1 / d + 1 / a;
        var price = outcome switch
        {
            Outcome.Home => h,
            Outcome.Draw => d,
            _ => a,
        };
        return 1 / price / booksum;
    }
}
