namespace Orleans.Betting.Quant;

/// <summary>
/// Walks decision points in time order. Before each decision it settles every bet whose result is
/// known by then, so the bankroll a strategy stakes from is the one it would really have had, and
/// the stakes still open are not staked twice (sizing uses the free bankroll). A bet is filled only
/// at a price of the strategy's own decision phase.
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
        var skipped = new Dictionary<string, int>(StringComparer.Ordinal);
        var intents = new List<BetIntent>(4);
        var bankroll = options.InitialBankroll;
        var open = 0.0;
        var dayExposure = 0.0;
        var day = DateTime.MinValue;
        var phase = strategy.DecisionPhase;
        var refusals = options.RefuseShare > 0 ? new Random(unchecked(options.Seed * 7_919 + 17)) : null;

        var kickoffs = timeline.Kickoffs;
        var first = options.BetFromUtc is { } from ? timeline.FirstKickoffAtOrAfter(from) : 0;
        for (var i = first; i < kickoffs.Length; i++)
        {
            var kickoff = kickoffs[i];
            var decisionTime = timing.KnownAt(kickoff, phase);
            while (settledCount < bets.Count && timing.ResultKnownAt(kickoffs[bets[settledCount].MatchIndex]) <= decisionTime)
            {
                open -= bets[settledCount].Stake;
                bankroll = SettleAt(timeline, bets, settledCount++, bankroll);
            }

            var date = decisionTime.Date;
            if (date != day)
            {
                (day, dayExposure) = (date, 0);
            }

            intents.Clear();
            var view = timeline.ViewAt(decisionTime);
            try
            {
                strategy.Decide(view, i, intents);
            }
            catch (QuantException e)
            {
                // One bad book (an incomplete or arbitrage sharp book in imported data) costs one match, with its reason.
                var reason = e.Message.IndexOf(": ", StringComparison.Ordinal) is var colon and > 0 ? e.Message[(colon + 2)..] : e.Message;
                skipped[reason] = skipped.GetValueOrDefault(reason) + 1;
                intents.Clear();
                continue;
            }

            if (intents.Count == 0 || timeline.HomeGoals[i] < 0)
            {
                continue;
            }

            var matchExposure = 0.0;
            foreach (var intent in intents)
            {
                // The price is read through the same view: a bet at a later phase's price is look-ahead.
                var price = view.Price(i, intent.Source, intent.Market, intent.Outcome, intent.Phase, intent.Line);
                if (intent.Phase != phase)
                {
                    // An earlier phase's price is readable but gone by the time of the decision: filling at it is a free option.
                    throw new QuantException(
                        $"{timeline.Ids[i]}: the strategy decides at the {phase} but asked to be filled at the {intent.Phase} price"
                    );
                }

                if (options.PriceWorsening != 0)
                {
                    price /= 1 + options.PriceWorsening;
                }

                if (double.IsNaN(price) || price <= 1.0 || (refusals is not null && refusals.NextDouble() < options.RefuseShare))
                {
                    continue;
                }

                var stake = StakeSizer.Size(
                    options.Staking,
                    options.Limits,
                    bankroll,
                    price,
                    intent.Probability,
                    matchExposure,
                    dayExposure,
                    open
                );
                if (stake <= 0)
                {
                    continue;
                }

                matchExposure += stake;
                dayExposure += stake;
                open += stake;
                bets.Add(
                    new SettledBet(
                        i,
                        intent.Market,
                        intent.Outcome,
                        intent.Line,
                        intent.Source,
                        intent.Phase,
                        price,
                        stake,
                        double.NaN,
                        double.NaN,
                        double.NaN
                    )
                );
            }
        }

        while (settledCount < bets.Count)
        {
            bankroll = SettleAt(timeline, bets, settledCount++, bankroll);
        }

        var metrics = BacktestMetrics.From(bets, options.InitialBankroll, options.BootstrapSamples, options.Seed);
        return new BacktestResult(timeline, bets, metrics, timeline.Count, skipped);
    }

    private static double SettleAt(MarketTimeline timeline, List<SettledBet> bets, int k, double bankroll)
    {
        ref var bet = ref System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bets)[k];
        var match = bet.MatchIndex;
        var unit = Settlement.UnitReturn(
            bet.Market,
            bet.Outcome,
            bet.Line,
            bet.Price,
            timeline.HomeGoals[match],
            timeline.AwayGoals[match]
        );
        var profit = unit * bet.Stake;
        bankroll += profit;
        var clv = ClosingLine.Value(timeline, match, new BetIntent(bet.Market, bet.Outcome, bet.Line, bet.Source, bet.Phase, 0), bet.Price);
        bet = bet with { Profit = profit, Clv = clv, BankrollAfter = bankroll };
        return bankroll;
    }
}
