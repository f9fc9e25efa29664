using System.Globalization;
using Orleans.Betting.Health;
using Orleans.Betting.Ledger;

namespace Orleans.Betting.Agents.Decisions;

/// <summary>
/// The notifications a person sees about trading (DESIGN §11, the webhook and the console's feed): bets
/// placed, bets settled, a strategy deployed or held for approval. One notification per batch, naming up
/// to five bets, so a busy day is a handful of messages, not one per bet; keys are unique per batch.
/// </summary>
public static class TradeNotices
{
    private const int Named = 5;

    public static Alert? Placed(IReadOnlyList<PaperBet> bets, string source)
    {
        if (bets.Count == 0)
        {
            return null;
        }

        var text = string.Join(
            "; ",
            bets.Take(Named)
                .Select(b =>
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"{b.Match} {b.Selection} @ {b.Price:0.00} at {b.Bookmaker ?? b.Source.Text}, stake {b.Stake:0.00}{(b.Probability is { } p ? $", edge {p * b.Price - 1:+0.0%;-0.0%}" : "")}"
                    )
                )
        );
        return new Alert(
            $"bets-placed|{bets[0].Id}|{bets.Count}",
            Severity.Info,
            source,
            $"{bets.Count} bet(s) placed: {text}{More(bets.Count)}"
        );
    }

    public static Alert? Settled(IReadOnlyList<PaperBet> bets, string source)
    {
        if (bets.Count == 0)
        {
            return null;
        }

        var profit = bets.Sum(b => b.Profit);
        var text = string.Join(
            "; ",
            bets.Take(Named)
                .Select(b =>
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"{b.Match} {b.Selection} {b.Status} {b.Profit:+0.00;-0.00;0}{(b.Clv is { } clv ? $" (CLV {clv:+0.0%;-0.0%})" : "")}"
                    )
                )
        );
        return new Alert(
            $"bets-settled|{bets[0].Id}|{bets.Count}",
            Severity.Info,
            source,
            string.Create(
                CultureInfo.InvariantCulture,
                $"{bets.Count} bet(s) settled, profit {profit:+0.00;-0.00;0}: {text}{More(bets.Count)}"
            )
        );
    }

    public static Alert Deployed(string strategyId, string spec, string source) =>
        new($"deployed|{strategyId}", Severity.Info, source, $"strategy {strategyId} deployed: {spec}");

    public static Alert Held(string strategyId, string spec, IReadOnlyList<string> flags, string source) =>
        new($"held|{strategyId}", Severity.Info, source, $"strategy {strategyId} held for approval ({spec}): {string.Join("; ", flags)}");

    private static string More(int count) => count > Named ? $"; and {count - Named} more" : "";
}
