using Orleans.Betting.Ledger;
using Orleans.Betting.Swarms;

namespace Orleans.Betting.Operations;

/// <summary>
/// One consensus pick with why: the price and book voted on, the model's probability, the edge, the
/// tier, the stake sized, the votes and the strategies behind it; for the agents' picks also what
/// became of it (placed at which price and book, or refused and why) and when it was decided (market time).
/// </summary>
public sealed record PickView(
    string MatchId,
    string League,
    DateTime KickoffUtc,
    string Selection,
    double Price,
    string Source,
    double Probability,
    double Edge,
    string Tier,
    double Stake,
    int VotesFor,
    int VotesAgainst,
    int Absent,
    IReadOnlyList<string> Voters,
    DateTime? DecidedUtc,
    string? Outcome,
    string? Detail,
    string? BetId,
    double? PlacedPrice,
    string? Bookmaker
)
{
    public static PickView From(Pick p, string league) =>
        new(
            p.MatchId,
            league,
            p.KickoffUtc,
            p.Selection.Text,
            p.Price,
            p.Source.Text,
            p.Probability,
            p.Edge,
            p.Tier,
            p.Stake,
            p.VotesFor,
            p.VotesAgainst,
            p.Absent,
            p.Backers ?? [],
            null,
            null,
            null,
            null,
            null,
            null
        );

    public static PickView From(BoardPick b) =>
        From(b.Pick, b.League) with
        {
            DecidedUtc = b.DecidedUtc,
            Outcome = b.Outcome,
            Detail = b.Detail,
            BetId = b.BetId,
            PlacedPrice = b.PlacedPrice,
            Bookmaker = b.Bookmaker,
            Stake = b.PlacedStake ?? b.Pick.Stake,
        };
}

/// <summary>Picks and where they come from: "agents" (the agents' recent decisions) or "run RUNID" (a swarm run's consensus).</summary>
public sealed record PicksView(MarketLabel Market, string From, IReadOnlyList<PickView> Picks);
