using Orleans.Betting.Market;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Ledger;

/// <summary>
/// One bet against its match's result: the status and profit (half wins and losses on quarter lines), the
/// sharp close kept raw for people, and the closing-line value against the de-margined sharp close (Pinnacle;
/// for a live bet without it, the consensus close, and the bet says which).
/// </summary>
public static class BetSettlement
{
    public static PaperBet Settle(PaperBet bet, MatchRecord match, DateTime settledUtc)
    {
        var result = match.Result ?? throw new ArgumentException($"match {match.Id} has no result: bet {bet.Id} cannot be settled");
        var (market, outcome, line) = (bet.Selection.Market, bet.Selection.Outcome, bet.Selection.LineOrNaN);
        var unit = Settlement.UnitReturn(market, outcome, line, bet.Price, result);
        var status = unit switch
        {
            0 => BetStatus.Void,
            < 0 when unit > -1 => BetStatus.HalfLost,
            < 0 => BetStatus.Lost,
            _ when unit < bet.Price - 1 - 1e-9 => BetStatus.HalfWon,
            _ => BetStatus.Won,
        };
        // The closing line is the sharp book's (Pinnacle's) close: kept raw for people, de-margined for CLV.
        var closing = match
            .Quotes.Where(q =>
                q.Source == PriceSource.Pinnacle
                && q.Market == market
                && q.Outcome == outcome
                && q.Phase == Phase.Closing
                && (market == MarketType.MatchOdds || q.Line == line)
            )
            .Select(q => (double?)q.Price)
            .FirstOrDefault();
        var clv = ClosingLine.Value(match, new BetIntent(market, outcome, line, PriceSource.Pinnacle, Phase.Closing, 0), bet.Price);
        string? basis = double.IsFinite(clv) ? "pinnacle" : null;
        if (basis is null && bet.Bookmaker is not null)
        {
            // A live event without Pinnacle: the consensus close (the market average, de-margined), stated on the bet.
            clv = ClosingLine.Value(
                match,
                new BetIntent(market, outcome, line, PriceSource.MarketAvg, Phase.Closing, 0),
                bet.Price,
                PriceSource.MarketAvg
            );
            basis = double.IsFinite(clv) ? "consensus" : null;
        }

        double? fair = double.IsFinite(clv) ? (clv + 1) / bet.Price : null;
        return bet with
        {
            Status = status,
            Profit = bet.Stake * unit,
            ClosingPrice = closing,
            ClosingFairProbability = fair,
            ClvBasis = basis,
            SettledUtc = settledUtc,
        };
    }
}
