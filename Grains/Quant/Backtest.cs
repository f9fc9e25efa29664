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

public sealed record SettledBet(
    string MatchId, DateTime KickoffUtc, MarketType Market, Outcome Outcome, double Line, PriceSource Source, Phase Phase,
    double Price, double Stake, double Profit, double Clv, double BankrollAfter);

public sealed record BacktestOptions(StakingPlan Staking, StakeLimits Limits, double InitialBankroll = 100, int BootstrapSamples = 2000, int Seed = 1)
{
    public static BacktestOptions FlatUnits { get; } = new(StakingPlan.FlatUnit, StakeLimits.None);
}

public sealed record BacktestResult(IReadOnlyList<SettledBet> Bets, BacktestMetrics Metrics, long Evaluations);

/// <summary>
/// Walks decision points in time order. Before each decision it settles every bet whose result is
/// known by then, so the bankroll a strategy stakes from is the one it would really have had.
/// </summary>
public static class BacktestEngine
{
    public static BacktestResult Run(MarketTimeline timeline, IBacktestStrategy strategy, BacktestOptions options)
    {
        var timing = timeline.Timing;
        var pending = new PriorityQueue<PendingBet, DateTime>();
        var settled = new List<SettledBet>();
        var intents = new List<BetIntent>(4);
        var bankroll = options.InitialBankroll;
        var dayExposure = 0.0;
        var day = DateTime.MinValue;

        for (var i = 0; i < timeline.Count; i++)
        {
            var match = timeline.Matches[i];
            var decisionTime = timing.KnownAt(match.KickoffUtc, strategy.DecisionPhase);
            while (pending.TryPeek(out _, out var due) && due <= decisionTime)
            {
                bankroll = Settle(pending.Dequeue(), bankroll, settled);
            }

            if (decisionTime.Date != day)
            {
                (day, dayExposure) = (decisionTime.Date, 0);
            }

            intents.Clear();
            var view = timeline.ViewAt(decisionTime);
            strategy.Decide(view, i, intents);
            if (intents.Count == 0 || match.Result is null)
            {
                continue;
            }

            var matchExposure = 0.0;
            foreach (var intent in intents)
            {
                // The price is read through the same view: a bet at a later phase's price is look-ahead.
                var price = view.Price(i, intent.Source, intent.Market, intent.Outcome, intent.Phase, intent.Line);
                if (double.IsNaN(price) || price <= 1.0)
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
                pending.Enqueue(new PendingBet(match, intent, price, stake), timing.ResultKnownAt(match.KickoffUtc));
            }
        }

        while (pending.TryDequeue(out var bet, out _))
        {
            bankroll = Settle(bet, bankroll, settled);
        }

        var metrics = BacktestMetrics.From(settled, options.InitialBankroll, options.BootstrapSamples, options.Seed);
        return new BacktestResult(settled, metrics, timeline.Count);
    }

    private static double Settle(PendingBet bet, double bankroll, List<SettledBet> settled)
    {
        var unit = Settlement.UnitReturn(bet.Intent.Market, bet.Intent.Outcome, bet.Intent.Line, bet.Price, bet.Match.Result!);
        var profit = unit * bet.Stake;
        bankroll += profit;
        settled.Add(new SettledBet(bet.Match.Id, bet.Match.KickoffUtc, bet.Intent.Market, bet.Intent.Outcome, bet.Intent.Line,
            bet.Intent.Source, bet.Intent.Phase, bet.Price, bet.Stake, profit, ClosingLine.Value(bet.Match, bet.Intent, bet.Price), bankroll));
        return bankroll;
    }

    private sealed record PendingBet(MatchRecord Match, BetIntent Intent, double Price, double Stake);
}

/// <summary>Closing line value against the multiplicatively de-margined Pinnacle closing price.</summary>
public static class ClosingLine
{
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
