using Orleans.Betting.Ledger;

namespace Orleans.Betting.Agents.Decisions;

/// <summary>
/// The risk manager's limits on proposed bets: below the bankroll floor nothing is bet; otherwise each stake is cut
/// to the room left under the per-match, per-day and per-league exposure caps, and vetoed when that leaves less
/// than the minimum stake.
/// </summary>
public static class ExposureRules
{
    /// <summary>Accepted bets with their final stakes, and vetoes naming the rule that stopped each.</summary>
    public static (List<PaperBet> Accepted, List<RiskVeto> Vetoes) Apply(
        IReadOnlyList<PaperBet> proposed,
        IReadOnlyList<PaperBet> open,
        double bankroll,
        double initialBankroll,
        RiskLimits limits
    )
    {
        var accepted = new List<PaperBet>();
        var vetoes = new List<RiskVeto>();
        if (bankroll < initialBankroll * limits.BankrollFloor)
        {
            vetoes.AddRange(
                proposed.Select(p => new RiskVeto(
                    p.MatchId,
                    p.Selection,
                    "bankroll-floor",
                    $"bankroll {bankroll:F2} below the floor {initialBankroll * limits.BankrollFloor:F2}"
                ))
            );
            return (accepted, vetoes);
        }

        var byMatch = open.GroupBy(b => b.MatchId).ToDictionary(g => g.Key, g => g.Sum(b => b.Stake));
        var byDay = open.GroupBy(b => b.KickoffUtc.Date).ToDictionary(g => g.Key, g => g.Sum(b => b.Stake));
        var byLeague = open.GroupBy(b => b.League).ToDictionary(g => g.Key, g => g.Sum(b => b.Stake));
        foreach (var bet in proposed)
        {
            var room = new[]
            {
                ("match", limits.MaxPerMatch * bankroll - byMatch.GetValueOrDefault(bet.MatchId)),
                ("day", limits.MaxPerDay * bankroll - byDay.GetValueOrDefault(bet.KickoffUtc.Date)),
                ("league", limits.MaxPerLeague * bankroll - byLeague.GetValueOrDefault(bet.League)),
            };
            var (rule, left) = room.MinBy(r => r.Item2);
            var stake = Math.Round(Math.Min(bet.Stake, left), 2);
            if (stake < limits.MinStake)
            {
                vetoes.Add(
                    new RiskVeto(
                        bet.MatchId,
                        bet.Selection,
                        $"max-per-{rule}",
                        $"wanted {bet.Stake:F2}, {Math.Max(0, left):F2} left under the {rule} limit, below the minimum stake {limits.MinStake:F2}"
                    )
                );
                continue;
            }

            accepted.Add(bet with { Stake = stake });
            byMatch[bet.MatchId] = byMatch.GetValueOrDefault(bet.MatchId) + stake;
            byDay[bet.KickoffUtc.Date] = byDay.GetValueOrDefault(bet.KickoffUtc.Date) + stake;
            byLeague[bet.League] = byLeague.GetValueOrDefault(bet.League) + stake;
        }

        return (accepted, vetoes);
    }
}
