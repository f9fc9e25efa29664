using Orleans.Betting.Market;

namespace Orleans.Betting.Quant;

/// <summary>What a strategy wants to bet: the market side, where and when to take the price, and its probability (for Kelly).</summary>
public readonly record struct BetIntent(MarketType Market, Outcome Outcome, double Line, PriceSource Source, Phase Phase, double Probability);

/// <summary>A backtestable strategy: it decides at one phase of each match and sees only a point-in-time view.</summary>
public interface IBacktestStrategy
{
    Phase DecisionPhase { get; }

    void Decide(MarketView view, int match, List<BetIntent> bets);
}

/// <summary>
/// One bet and how it settled. It holds no references (the match is an index into the timeline), so
/// a long list of them is a flat block the garbage collector never has to scan.
/// </summary>
public readonly record struct SettledBet(
    int MatchIndex, MarketType Market, Outcome Outcome, double Line, PriceSource Source, Phase Phase,
    double Price, double Stake, double Profit, double Clv, double BankrollAfter);

/// <summary>
/// How to run a backtest. Stress knobs: <paramref name="PriceWorsening"/> divides every price by
/// (1 + x) (implied probability x higher), <paramref name="RefuseShare"/> refuses that share of
/// bets at random (seeded), as a bookmaker limiting the account would.
/// </summary>
public sealed record BacktestOptions(StakingPlan Staking, StakeLimits Limits, double InitialBankroll = 100, int BootstrapSamples = 2000, int Seed = 1,
    double PriceWorsening = 0, double RefuseShare = 0)
{
    public static BacktestOptions FlatUnits { get; } = new(StakingPlan.FlatUnit, StakeLimits.None);
}

public sealed record BacktestResult(MarketTimeline Timeline, IReadOnlyList<SettledBet> Bets, BacktestMetrics Metrics, long Evaluations)
{
    public string MatchId(in SettledBet bet) => Timeline.Ids[bet.MatchIndex];

    public DateTime KickoffUtc(in SettledBet bet) => Timeline.Kickoffs[bet.MatchIndex];
}

/// <summary>
/// Walks decision points in time order. Before each decision it settles every bet whose result is
/// known by then, so the bankroll a strategy stakes from is the one it would really have had.
/// </summary>
public static class BacktestEngine
{
    public static BacktestResult Run(MarketTimeline timeline, IBacktestStrategy strategy, BacktestOptions options)
    {
        var timing = timeline.Timing;
        // Decisions come in kick-off order and a result is known a fixed delay after kick-off, so
        // bets fall due in the order they were placed: the bet list itself is the settlement
        // calendar, settled in place up to a cursor (no queue, no copying).
        var bets = new List<SettledBet>(Math.Min(timeline.Count, 1 << 16));
        var settledCount = 0;
        var intents = new List<BetIntent>(4);
        var bankroll = options.InitialBankroll;
        var dayExposure = 0.0;
        var day = DateTime.MinValue;
        var phase = strategy.DecisionPhase;
        var refusals = options.RefuseShare > 0 ? new Random(unchecked(options.Seed * 7_919 + 17)) : null;

        var kickoffs = timeline.Kickoffs;
        for (var i = 0; i < kickoffs.Length; i++)
        {
            var kickoff = kickoffs[i];
            var decisionTime = timing.KnownAt(kickoff, phase);
            while (settledCount < bets.Count && timing.ResultKnownAt(kickoffs[bets[settledCount].MatchIndex]) <= decisionTime)
            {
                bankroll = SettleAt(timeline, bets, settledCount++, bankroll);
            }

            var date = decisionTime.Date;
            if (date != day)
            {
                (day, dayExposure) = (date, 0);
            }

            intents.Clear();
            var view = timeline.ViewAt(decisionTime);
            strategy.Decide(view, i, intents);
            if (intents.Count == 0 || timeline.HomeGoals[i] < 0)
            {
                continue;
            }

            var matchExposure = 0.0;
            foreach (var intent in intents)
            {
                // The price is read through the same view: a bet at a later phase's price is look-ahead.
                var price = view.Price(i, intent.Source, intent.Market, intent.Outcome, intent.Phase, intent.Line);
                if (options.PriceWorsening != 0)
                {
                    price /= 1 + options.PriceWorsening;
                }

                if (double.IsNaN(price) || price <= 1.0 || (refusals is not null && refusals.NextDouble() < options.RefuseShare))
                {
                    continue;
                }

                var stake = StakeSizer.Size(options.Staking, options.Limits, bankroll, price, intent.Probability, matchExposure, dayExposure);
                if (stake <= 0)
                {
                    continue;
                }

                matchExposure += stake;
                dayExposure += stake;
                bets.Add(new SettledBet(i, intent.Market, intent.Outcome, intent.Line, intent.Source, intent.Phase,
                    price, stake, double.NaN, double.NaN, double.NaN));
            }
        }

        while (settledCount < bets.Count)
        {
            bankroll = SettleAt(timeline, bets, settledCount++, bankroll);
        }

        var metrics = BacktestMetrics.From(bets, options.InitialBankroll, options.BootstrapSamples, options.Seed);
        return new BacktestResult(timeline, bets, metrics, timeline.Count);
    }

    private static double SettleAt(MarketTimeline timeline, List<SettledBet> bets, int k, double bankroll)
    {
        ref var bet = ref System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bets)[k];
        var match = bet.MatchIndex;
        var unit = Settlement.UnitReturn(bet.Market, bet.Outcome, bet.Line, bet.Price, timeline.HomeGoals[match], timeline.AwayGoals[match]);
        var profit = unit * bet.Stake;
        bankroll += profit;
        var clv = ClosingLine.Value(timeline, match, new BetIntent(bet.Market, bet.Outcome, bet.Line, bet.Source, bet.Phase, 0), bet.Price);
        bet = bet with { Profit = profit, Clv = clv, BankrollAfter = bankroll };
        return bankroll;
    }
}

/// <summary>Closing line value against the multiplicatively de-margined Pinnacle closing price.</summary>
public static class ClosingLine
{
    public static double Value(MarketTimeline timeline, int matchIndex, BetIntent intent, double price)
    {
        if (intent.Market == MarketType.MatchOdds)
        {
            // The flat 1X2 index answers the common case without scanning the quotes.
            var index = timeline.MatchOddsIndex;
            var h = index[MarketTimeline.Slot(matchIndex, PriceSource.Pinnacle, Phase.Closing, Outcome.Home)];
            var d = index[MarketTimeline.Slot(matchIndex, PriceSource.Pinnacle, Phase.Closing, Outcome.Draw)];
            var a = index[MarketTimeline.Slot(matchIndex, PriceSource.Pinnacle, Phase.Closing, Outcome.Away)];
            if (!(h > 1 && d > 1 && a > 1) || intent.Outcome > Outcome.Away)
            {
                return double.NaN;
            }

            var chosen = intent.Outcome == Outcome.Home ? h : intent.Outcome == Outcome.Draw ? d : a;
            return price * (1 / chosen / (1 / h + 1 / d + 1 / a)) - 1;
        }

        return Value(timeline.Matches[matchIndex], intent, price);
    }

    public static double Value(MatchRecord match, BetIntent intent, double price)
    {
        Span<double> book = stackalloc double[3];
        var n = 0;
        var index = -1;
        ReadOnlySpan<Outcome> sides = intent.Market == MarketType.MatchOdds
            ? [Outcome.Home, Outcome.Draw, Outcome.Away]
            : intent.Market == MarketType.OverUnder ? [Outcome.Over, Outcome.Under] : [Outcome.Home, Outcome.Away];
        foreach (var side in sides)
        {
            var found = double.NaN;
            foreach (var q in match.Quotes)
            {
                if (q.Source == PriceSource.Pinnacle && q.Phase == Phase.Closing && q.Market == intent.Market && q.Outcome == side
                    && (intent.Market == MarketType.MatchOdds || q.Line.Equals(intent.Line)))
                {
                    found = q.Price;
                    break;
                }
            }

            if (double.IsNaN(found) || found <= 1.0)
            {
                return double.NaN;
            }

            if (side == intent.Outcome)
            {
                index = n;
            }

            book[n++] = found;
        }

        if (index < 0)
        {
            return double.NaN;
        }

        var booksum = 0.0;
        for (var i = 0; i < n; i++)
        {
            booksum += 1 / book[i];
        }

        return price * (1 / book[index] / booksum) - 1;
    }
}
