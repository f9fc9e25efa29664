using Orleans.Betting.Ledger;

namespace Orleans.Betting.Operations;

/// <summary>One paper bet as operators read it, with why it was placed: the strategies that voted for it, the model's probability, the edge at the price taken and the tier.</summary>
public sealed record BetView(
    string Id,
    string Match,
    string MatchId,
    string League,
    DateTime KickoffUtc,
    string Outcome,
    double Price,
    string Source,
    string? Bookmaker,
    DateTime? QuoteUtc,
    double Stake,
    string Status,
    double Profit,
    double? ClosingPrice,
    double? Clv,
    string? ClvBasis,
    string? Note,
    DateTime PlacedUtc,
    DateTime? SettledUtc,
    int Cycle,
    IReadOnlyList<string> Strategies,
    double? Probability,
    double? Edge,
    string? Tier
)
{
    public static BetView From(PaperBet b) =>
        new(
            b.Id,
            b.Match,
            b.MatchId,
            b.League,
            b.KickoffUtc,
            b.Selection.Text,
            b.Price,
            b.Source.Text,
            b.Bookmaker,
            b.QuoteUtc,
            b.Stake,
            b.Status.ToString(),
            b.Profit,
            b.ClosingPrice,
            b.Clv,
            b.ClvBasis,
            b.Note,
            b.PlacedUtc,
            b.SettledUtc,
            b.Cycle,
            b.Strategies ?? [],
            b.Probability,
            b.Probability is { } p ? Math.Round(p * b.Price - 1, 6) : null,
            b.Tier
        );

    /// <summary>Why, in one line: "3 voters (elo-1, …), p 48.0 %, edge +6.1 %, tier high".</summary>
    public string Reason() =>
        Probability is not { } p
            ? (Strategies.Count == 0 ? "-" : $"{Strategies.Count} voter(s)")
            : $"{Strategies.Count} voter(s), p {p:P1}, edge {Edge:+0.0%;-0.0%}{(Tier is { } t ? $", {t}" : "")}";
}

/// <summary>The ledger: every bet, newest last, and which market it traded.</summary>
public sealed record LedgerView(MarketLabel Market, int Total, int Open, IReadOnlyList<BetView> Bets);

/// <summary>One point of the equity curve: the bankroll after the bets settled by then, and its drawdown from the peak so far.</summary>
public sealed record EquityView(DateTime AtUtc, double Bankroll, double Drawdown);

/// <summary>The bankroll, profit, ROI, CLV and drawdown; money in bankroll units, ROI, CLV and drawdown as shares.</summary>
public sealed record ReportView(
    MarketLabel Market,
    double InitialBankroll,
    double Bankroll,
    int Bets,
    int Open,
    int Settled,
    double Staked,
    double Profit,
    double Roi,
    double? MeanClv,
    double MaxDrawdownShare,
    IReadOnlyDictionary<string, double> ProfitBySource,
    IReadOnlyList<EquityView> Equity
)
{
    public static ReportView From(LedgerReport r, MarketLabel market)
    {
        var peak = r.InitialBankroll;
        var equity = new List<EquityView>(r.Equity.Count);
        foreach (var e in r.Equity)
        {
            peak = Math.Max(peak, e.Bankroll);
            equity.Add(new EquityView(e.AtUtc, e.Bankroll, peak > 0 ? Math.Round((peak - e.Bankroll) / peak, 6) : 0));
        }

        return new ReportView(
            market,
            r.InitialBankroll,
            r.Bankroll,
            r.Bets,
            r.Open,
            r.Settled,
            r.Staked,
            r.Profit,
            r.Roi,
            r.MeanClv,
            r.MaxDrawdownShare,
            r.ProfitBySource,
            equity
        );
    }
}
