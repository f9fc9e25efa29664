using Orleans.Betting.Quant;

namespace Orleans.Betting.Strategies.Families;

/// <summary>
/// Base for families that learn from results: it replays every result known at the view's time,
/// once, in kick-off order. A view that knows fewer results than were already learned (a new
/// backtest, or a vote further in the past) starts the learning over, so nothing learned from a
/// result unknown at that time can leak backwards; any other view continues where it left off.
/// </summary>
public abstract class HistoryModel : IBacktestStrategy
{
    private int learned;

    public abstract Market.Phase DecisionPhase { get; }

    public void Decide(MarketView view, int match, List<BetIntent> bets)
    {
        var known = view.SettledCount();
        if (known < learned)
        {
            Reset();
            learned = 0;
        }

        for (; learned < known; learned++)
        {
            var result = view.Result(learned);
            if (result is not null)
            {
                var f = view.Fixture(learned);
                Learn(f.Home, f.Away, f.KickoffUtc, result.HomeGoals, result.AwayGoals);
            }
        }

        var fixture = view.Fixture(match);
        DecideFromModel(view, match, fixture.Home, fixture.Away, fixture.KickoffUtc, bets);
    }

    protected abstract void Reset();

    protected abstract void Learn(string home, string away, DateTime kickoffUtc, int homeGoals, int awayGoals);

    protected abstract void DecideFromModel(
        MarketView view,
        int match,
        string home,
        string away,
        DateTime kickoffUtc,
        List<BetIntent> bets
    );
}
