namespace Orleans.Betting.Agents;

/// <summary>Where the agents' market comes from (<c>Betting:Market:Source</c>, and a live market's <c>History</c>).</summary>
public enum MarketSource
{
    /// <summary>A seeded simulation, optionally with a planted edge.</summary>
    Synthetic,

    /// <summary>Seasons imported into the market store (football-data CSVs).</summary>
    Import,

    /// <summary>The live odds feed, traded forever.</summary>
    Live,
}

/// <summary>A source's name in configuration and in stored settings ("synthetic", "import", "live").</summary>
public static class MarketSourceNames
{
    public static string Name(this MarketSource source) =>
        source switch
        {
            MarketSource.Synthetic => "synthetic",
            MarketSource.Import => "import",
            MarketSource.Live => "live",
            _ => throw new ArgumentOutOfRangeException(nameof(source), source, "not a market source"),
        };

    /// <summary>Reads a name, ignoring case and surrounding blanks; false for anything else (the caller says what is allowed).</summary>
    public static bool TryParse(string? text, out MarketSource source)
    {
        foreach (var candidate in Enum.GetValues<MarketSource>())
        {
            if (string.Equals(text?.Trim(), candidate.Name(), StringComparison.OrdinalIgnoreCase))
            {
                source = candidate;
                return true;
            }
        }

        source = default;
        return false;
    }
}
