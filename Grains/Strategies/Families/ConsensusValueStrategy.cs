using Orleans.Betting.Market;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Strategies.Families;

/// <summary>
/// Kaunitz, Zhong &amp; Kreiner (2017): the consensus probability is 1/(average odds) across books;
/// bet the best available price when (p̂ − α)·o_max − 1 &gt; 0, one outcome per match.
/// </summary>
public sealed class ConsensusValueStrategy(double alpha, Phase phase) : IBacktestStrategy
{
    public const string Family = "consensus-value";

    public static ParameterSpace Space { get; } =
        new([ParameterDefinition.Grid("alpha", 0.0, 0.08, 0.01), ParameterDefinition.Choice("phase", "opening", "closing")]);

    public Phase DecisionPhase { get; } = phase;

    public static ConsensusValueStrategy Create(IReadOnlyDictionary<string, string> p) => new(p.Number("alpha", 0.05, 0, 0.5), p.Phase());

    public void Decide(MarketView view, int match, List<BetIntent> bets)
    {
        Span<double> average = stackalloc double[3];
        if (!MatchOdds.TryBook(view, match, PriceSource.MarketAvg, DecisionPhase, average))
        {
            return;
        }

        Span<double> consensus = stackalloc double[3];
        for (var i = 0; i < 3; i++)
        {
            consensus[i] = Math.Max(0, 1 / average[i] - alpha);
        }

        // (p̂ − α)·o − 1 > 0 is exactly "edge over the shaded consensus > 0".
        MatchOdds.BetBestEdge(view, match, PriceSource.MarketMax, DecisionPhase, consensus, 0, bets);
    }
}
