using Orleans.Betting.Market;

namespace Orleans.Betting.Quant;

/// <summary>Matches of one or more seasons in kick-off order, the raw material of every backtest.</summary>
public sealed class MarketTimeline
{
    public MarketTimeline(IEnumerable<MatchRecord> matches, FactTiming? timing = null)
    {
        Matches = matches.OrderBy(m => m.KickoffUtc).ThenBy(m => m.Id, StringComparer.Ordinal).ToArray();
        Timing = timing ?? FactTiming.Default;
        Kickoffs = Matches.Select(m => m.KickoffUtc).ToArray();
        Ids = Matches.Select(m => m.Id).ToArray();
        MatchOddsIndex = BuildMatchOddsIndex(Matches);
        HomeGoals = Matches.Select(m => m.Result?.HomeGoals ?? -1).ToArray();
        AwayGoals = Matches.Select(m => m.Result?.AwayGoals ?? -1).ToArray();
        features = new Lazy<Features.FeatureStore>(() => new Features.FeatureStore(this), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private readonly Lazy<Features.FeatureStore> features;

    /// <summary>
    /// Ratings, form and rest computed once for this timeline and shared by every strategy that
    /// reads it (strategies reach it through a <see cref="MarketView"/>, which fixes what is known).
    /// </summary>
    internal Features.FeatureStore Features => features.Value;

    /// <summary>Full-time goals per match (−1 without a result), flat for the settlement hot path.</summary>
    internal int[] HomeGoals { get; }

    internal int[] AwayGoals { get; }

    // A constant so the index arithmetic folds at JIT time; ValueBook must stay the last source.
    private const int SourceCount = (int)PriceSource.ValueBook + 1;

    /// <summary>
    /// 1X2 prices laid out flat per match × source × phase × outcome (NaN when not quoted): the
    /// hottest lookup of every strategy becomes one array read instead of a scan over ~100 quotes.
    /// </summary>
    internal double[] MatchOddsIndex { get; }

    internal static int Slot(int match, PriceSource source, Phase phase, Outcome outcome) =>
        ((match * SourceCount + (int)source) * 2 + (int)phase) * 3 + (int)outcome;

    /// <summary>
    /// A book's multiplicatively de-margined 1X2 probabilities at a phase from the flat index, and its
    /// booksum; false unless it quotes all three sides above 1.0.
    /// </summary>
    internal bool TryFairMatchOdds(int match, PriceSource source, Phase phase, Span<double> fair, out double booksum)
    {
        booksum = 0;
        for (var o = 0; o < 3; o++)
        {
            var price = MatchOddsIndex[Slot(match, source, phase, (Outcome)o)];
            if (!(price > 1.0))
            {
                return false;
            }

            fair[o] = 1 / price;
            booksum += fair[o];
        }

        for (var o = 0; o < 3; o++)
        {
            fair[o] /= booksum;
        }

        return true;
    }

    private static double[] BuildMatchOddsIndex(MatchRecord[] matches)
    {
        var index = new double[matches.Length * SourceCount * 2 * 3];
        Array.Fill(index, double.NaN);
        for (var i = 0; i < matches.Length; i++)
        {
            foreach (var q in matches[i].Quotes)
            {
                if (q.Market == MarketType.MatchOdds && q.Outcome <= Outcome.Away)
                {
                    var slot = Slot(i, q.Source, q.Phase, q.Outcome);
                    if (double.IsNaN(index[slot]))
                    {
                        index[slot] = q.Price;
                    }
                }
            }
        }

        return index;
    }

    public MatchRecord[] Matches { get; }

    public DateTime[] Kickoffs { get; }

    /// <summary>Match ids by index: the hot loop reads these flat arrays instead of chasing each match object.</summary>
    public string[] Ids { get; }

    public FactTiming Timing { get; }

    public int Count => Matches.Length;

    /// <summary>The view of everything known at <paramref name="asOfUtc"/>; nothing later can be read through it.</summary>
    public MarketView ViewAt(DateTime asOfUtc) => new(this, asOfUtc);

    /// <summary>Index of the first match whose kickoff is at or after the time (binary search).</summary>
    public int FirstKickoffAtOrAfter(DateTime utc)
    {
        var i = Array.BinarySearch(Kickoffs, utc);
        if (i < 0)
        {
            return ~i;
        }

        while (i > 0 && Kickoffs[i - 1] == utc)
        {
            i--;
        }

        return i;
    }
}
