using Orleans.Betting.Market;

namespace Orleans.Betting.Ledger;

/// <summary>
/// A paper bet: a pick taken at the price of its decision time. Live bets also name the bookmaker
/// whose quote was taken and the quote's time; <see cref="ClvBasis"/> says which close the CLV is
/// measured against; <see cref="Note"/> carries why a bet was voided. <see cref="Probability"/> and <see cref="Tier"/> are
/// the pick's (the model's probability the stake was sized on, its confidence tier); bets placed before they were kept have none.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("betting.PaperBet")]
public sealed record PaperBet(
    [property: Id(0)] string Id,
    [property: Id(1)] string MatchId,
    [property: Id(2)] string League,
    [property: Id(3)] string Season,
    [property: Id(4)] DateTime KickoffUtc,
    [property: Id(5)] string Match,
    [property: Id(6)] Selection Selection,
    [property: Id(7)] double Price,
    [property: Id(8)] QuoteSource Source,
    [property: Id(9)] double Stake,
    [property: Id(10)] DateTime PlacedUtc,
    [property: Id(11)] int Cycle,
    [property: Id(12)] BetStatus Status = BetStatus.Open,
    [property: Id(13)] double Profit = 0,
    [property: Id(14)] double? ClosingPrice = null,
    [property: Id(15)] DateTime? SettledUtc = null,
    [property: Id(16)] IReadOnlyList<string>? Strategies = null,
    [property: Id(17)] double? ClosingFairProbability = null,
    [property: Id(18)] string? Bookmaker = null,
    [property: Id(19)] DateTime? QuoteUtc = null,
    [property: Id(20)] string? ClvBasis = null,
    [property: Id(21)] string? Note = null,
    [property: Id(22)] double? Probability = null,
    [property: Id(23)] string? Tier = null
)
{
    /// <summary>
    /// Closing-line value, defined as in the backtest: o · p_close − 1, with p_close the outcome's probability
    /// in Pinnacle's closing book with its margin removed (multiplicatively). Without Pinnacle's close, a live
    /// bet is measured against the consensus close (the market average, de-margined) and says so in
    /// <see cref="ClvBasis"/>; never a soft book's own close, never a price with the margin left in.
    /// </summary>
    public double? Clv => ClosingFairProbability is > 0 and < 1 ? Price * ClosingFairProbability.Value - 1 : null;
}
