namespace Orleans.Betting.Market.Identity;

/// <summary>
/// A provider's team name and the league-history name it maps to (null when unmapped), with how
/// and how well it matched, and the closest candidates (what a human needs to add an alias).
/// </summary>
public sealed record TeamMapping(string Name, string? HistoryName, TeamMatchKind Kind, int Score, IReadOnlyList<string> Candidates)
{
    public bool Mapped => HistoryName is not null;
}
