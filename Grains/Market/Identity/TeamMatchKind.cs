namespace Orleans.Betting.Market.Identity;

/// <summary>How a provider's team name was matched to a name in the league's history.</summary>
public enum TeamMatchKind
{
    /// <summary>The shipped (or configured) alias table names it.</summary>
    Alias,

    /// <summary>The same name once accents, case, punctuation, club prefixes and abbreviations are normalised.</summary>
    Normalised,

    /// <summary>A clear best fuzzy match (token-set similarity at or above the bar, well ahead of the next).</summary>
    Fuzzy,

    /// <summary>No confident match: reported with the closest candidates, never guessed.</summary>
    Unmapped,
}
