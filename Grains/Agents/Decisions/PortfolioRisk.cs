using System.Globalization;
using Orleans.Betting.Ledger;
using Orleans.Betting.Market;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Agents.Decisions;

/// <summary>
/// The risk manager's sizing of a set of proposed bets as one portfolio:
/// <list type="number">
/// <item>below the bankroll floor nothing is bet;</item>
/// <item>bets that carry the model's probability are sized together by simultaneous Kelly
/// (<see cref="SimultaneousKelly"/>): outcomes of one market of one match are mutually exclusive, matches are
/// independent, and the bets already open stay in the portfolio at their stakes' full-Kelly equivalents (with no
/// probability on record, an open bet is taken at its price's implied probability: no edge assumed);</item>
/// <item>the Kelly fraction of that, scaled down by the drawdown from the peak (<see cref="RiskLimits.DeRiskScale"/>);</item>
/// <item>each stake cut to the room left under the per-match, per-day, per-league and per-bookmaker caps, best edge
/// first, and vetoed when that leaves less than the minimum stake.</item>
/// </list>
/// A bet without a probability keeps its proposed stake under the caps. Every cut and veto names its rule and figures.
/// </summary>
public static class PortfolioRisk
{
    public sealed record Result(List<PaperBet> Accepted, List<RiskVeto> Vetoes, List<StakeCut> Cuts, PortfolioSizing Sizing);

    public static Result Apply(
        IReadOnlyList<PaperBet> proposed,
        IReadOnlyList<PaperBet> open,
        double bankroll,
        double initialBankroll,
        double peakBankroll,
        RiskLimits limits
    )
    {
        var accepted = new List<PaperBet>();
        var vetoes = new List<RiskVeto>();
        var cuts = new List<StakeCut>();
        var drawdown = peakBankroll > 0 && bankroll < peakBankroll ? (peakBankroll - bankroll) / peakBankroll : 0;
        var scale = limits.DeRiskScale(drawdown);
        if (bankroll < initialBankroll * limits.BankrollFloor || bankroll <= 0)
        {
            vetoes.AddRange(
                proposed.Select(p => new RiskVeto(
                    p.MatchId,
                    p.Selection,
                    "bankroll-floor",
                    $"bankroll {bankroll:F2} below the floor {initialBankroll * limits.BankrollFloor:F2}"
                ))
            );
            return new Result(
                accepted,
                vetoes,
                cuts,
                new PortfolioSizing(bankroll, drawdown, scale, limits.KellyFraction, 0, 0, 0, 0, 0, true)
            );
        }

        // 1. Simultaneous Kelly over the bets that carry a probability, with the open bets held at their stakes.
        var sized = proposed.Where(Sizable).ToList();
        // Fractional Kelly is the full Kelly portfolio scaled down, so an open bet enters at its full-Kelly equivalent
        // (its share of the bankroll over the Kelly fraction); where those together could lose everything they are
        // scaled to 90 % of the bankroll: the book is then as full as full Kelly would ever hold it.
        var positions = new List<KellyPosition>();
        var held = open.Where(b => b.Stake > 0 && b.Price > 1).ToList();
        var equivalent = held.Sum(b => b.Stake) / bankroll / limits.KellyFraction;
        var squeeze = equivalent > 0.9 ? 0.9 / equivalent : 1;
        foreach (var bet in held)
        {
            var p = bet.Probability is > 0 and < 1 ? bet.Probability.Value : 1 / bet.Price;
            positions.Add(
                new KellyPosition(EventOf(bet), OutcomeOf(bet), bet.Price, p, bet.Stake / bankroll / limits.KellyFraction * squeeze)
            );
        }

        var firstSized = positions.Count;
        positions.AddRange(sized.Select(b => new KellyPosition(EventOf(b), OutcomeOf(b), b.Price, b.Probability!.Value)));
        KellyPortfolio? portfolio = null;
        if (sized.Count > 0)
        {
            try
            {
                portfolio = SimultaneousKelly.Solve(positions);
            }
            catch (QuantException e)
            {
                // Open bets that together can lose everything, or inconsistent probabilities: nothing more is sized.
                vetoes.AddRange(sized.Select(b => new RiskVeto(b.MatchId, b.Selection, "portfolio", e.Message)));
                sized.Clear();
            }
        }

        var wanted = new Dictionary<PaperBet, double>(ReferenceEqualityComparer.Instance);
        double independent = 0,
            portfolioTotal = 0;
        for (var k = 0; k < sized.Count; k++)
        {
            var bet = sized[k];
            var single = limits.KellyFraction * Kelly.Single(bet.Price, bet.Probability!.Value) * bankroll;
            var together = limits.KellyFraction * portfolio!.Fractions[firstSized + k] * bankroll;
            independent += single;
            portfolioTotal += together;
            var stake = together * scale;
            if (together < single - 0.005)
            {
                cuts.Add(
                    Cut(
                        bet,
                        "portfolio-kelly",
                        single,
                        together,
                        $"sized with the day's {sized.Count} bet(s) and {firstSized} open: {Share(single / bankroll)} of the bankroll alone, {Share(together / bankroll)} together"
                    )
                );
            }

            if (scale < 1 && together > 0)
            {
                cuts.Add(
                    Cut(
                        bet,
                        "drawdown",
                        together,
                        stake,
                        $"drawdown {Share(drawdown)} from the peak {peakBankroll:F2}: stakes at {Share(scale)} (full below {Share(limits.DeRiskFrom)}, {Share(limits.DeRiskFloor)} from {Share(limits.DeRiskFull)})"
                    )
                );
            }

            wanted[bet] = stake;
        }

        foreach (var bet in proposed.Where(b => !Sizable(b)))
        {
            wanted[bet] = bet.Stake;
        }

        // 2. The caps, best edge first (bets without a probability after them, in the order proposed).
        var byMatch = Exposure(open, b => b.MatchId);
        var byDay = Exposure(open, b => b.KickoffUtc.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var byLeague = Exposure(open, b => b.League);
        var byBook = Exposure(open, BookOf);
        var ordered = proposed
            .Select((b, i) => (Bet: b, Index: i))
            .OrderByDescending(x => Sizable(x.Bet) ? x.Bet.Probability!.Value * x.Bet.Price - 1 : double.NegativeInfinity)
            .ThenBy(x => x.Index)
            .Select(x => x.Bet)
            .Where(b => wanted.ContainsKey(b));
        double final = 0;
        foreach (var bet in ordered)
        {
            var want = wanted[bet];
            if (want <= 0)
            {
                vetoes.Add(
                    new RiskVeto(
                        bet.MatchId,
                        bet.Selection,
                        "portfolio-kelly",
                        $"no stake: with the day's other bets and those open, this one adds no expected log growth (p {bet.Probability:P1} at {bet.Price:0.00})"
                    )
                );
                continue;
            }

            var day = bet.KickoffUtc.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var room = new (string Rule, string What, double Left)[]
            {
                ("match", bet.MatchId, limits.MaxPerMatch * bankroll - byMatch.GetValueOrDefault(bet.MatchId)),
                ("day", day, limits.MaxPerDay * bankroll - byDay.GetValueOrDefault(day)),
                ("league", bet.League, limits.MaxPerLeague * bankroll - byLeague.GetValueOrDefault(bet.League)),
                ("bookmaker", BookOf(bet), limits.MaxPerBookmaker * bankroll - byBook.GetValueOrDefault(BookOf(bet))),
            };
            var (rule, what, left) = room.MinBy(r => r.Left);
            var stake = Math.Round(Math.Min(want, left), 2);
            if (stake < limits.MinStake)
            {
                vetoes.Add(
                    new RiskVeto(
                        bet.MatchId,
                        bet.Selection,
                        $"max-per-{rule}",
                        $"wanted {want:F2}, {Math.Max(0, left):F2} left under the {rule} limit ({what}), below the minimum stake {limits.MinStake:F2}"
                    )
                );
                continue;
            }

            if (stake < Math.Round(want, 2))
            {
                cuts.Add(
                    Cut(
                        bet,
                        $"max-per-{rule}",
                        want,
                        stake,
                        $"{Math.Max(0, left):F2} left under the {rule} limit ({what}: {Share(CapOf(limits, rule))} of the bankroll)"
                    )
                );
            }

            accepted.Add(bet with { Stake = stake });
            final += stake;
            byMatch[bet.MatchId] = byMatch.GetValueOrDefault(bet.MatchId) + stake;
            byDay[day] = byDay.GetValueOrDefault(day) + stake;
            byLeague[bet.League] = byLeague.GetValueOrDefault(bet.League) + stake;
            byBook[BookOf(bet)] = byBook.GetValueOrDefault(BookOf(bet)) + stake;
        }

        return new Result(
            accepted,
            vetoes,
            cuts,
            new PortfolioSizing(
                bankroll,
                drawdown,
                scale,
                limits.KellyFraction,
                Math.Round(independent, 2),
                Math.Round(portfolioTotal, 2),
                Math.Round(final, 2),
                portfolio?.ExpectedLogGrowth ?? 0,
                positions.Count,
                portfolio?.Exact ?? true
            )
        );
    }

    /// <summary>One market (and line) of one match: its outcomes are mutually exclusive. An Asian handicap's away side is keyed by the home line it mirrors.</summary>
    public static string EventOf(PaperBet bet)
    {
        var s = bet.Selection;
        var line = s.Line is { } l ? (s.Market == MarketType.AsianHandicap && s.Outcome == Outcome.Away ? -l : l) : double.NaN;
        return string.Create(CultureInfo.InvariantCulture, $"{bet.MatchId}|{s.Market}|{line:R}");
    }

    private static string OutcomeOf(PaperBet bet) => bet.Selection.Outcome.ToString();

    private static bool Sizable(PaperBet bet) => bet.Probability is > 0 and < 1 && bet.Price > 1;

    private static string BookOf(PaperBet bet) => bet.Bookmaker ?? bet.Source.Text;

    private static Dictionary<string, double> Exposure(IEnumerable<PaperBet> open, Func<PaperBet, string> key) =>
        open.GroupBy(key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(b => b.Stake), StringComparer.Ordinal);

    private static double CapOf(RiskLimits limits, string rule) =>
        rule switch
        {
            "match" => limits.MaxPerMatch,
            "day" => limits.MaxPerDay,
            "league" => limits.MaxPerLeague,
            _ => limits.MaxPerBookmaker,
        };

    private static StakeCut Cut(PaperBet bet, string rule, double before, double after, string reason) =>
        new(bet.MatchId, bet.Selection, rule, Math.Round(before, 2), Math.Round(after, 2), reason);

    private static string Share(double x) => x.ToString("P1", CultureInfo.InvariantCulture);
}
