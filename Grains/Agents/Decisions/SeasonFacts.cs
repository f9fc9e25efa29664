namespace Orleans.Betting.Agents.Decisions;

/// <summary>One completed season's market facts: matches, home wins, and the mean 1X2 booksum (margin + 1).</summary>
public sealed record SeasonFacts(string Season, int Matches, int HomeWins, double MeanBooksum, double BooksumVariance);
