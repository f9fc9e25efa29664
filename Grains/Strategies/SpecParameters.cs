using System.Globalization;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Strategies;

/// <summary>Typed reads of spec parameters with errors that name the parameter.</summary>
public static class SpecParameters
{
    public static double Number(
        this IReadOnlyDictionary<string, string> p,
        string name,
        double fallback,
        double min = double.MinValue,
        double max = double.MaxValue
    )
    {
        if (!p.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw new QuantException($"parameter {name}='{text}' must be a number in [{min}, {max}]");
    }

    public static string Text(this IReadOnlyDictionary<string, string> p, string name, string fallback, params string[] allowed)
    {
        var value = p.TryGetValue(name, out var text) ? text : fallback;
        return allowed.Length == 0 || allowed.Contains(value, StringComparer.OrdinalIgnoreCase)
            ? value.ToLowerInvariant()
            : throw new QuantException($"parameter {name}='{value}': expected one of {string.Join(", ", allowed)}");
    }

    public static Market.Phase Phase(this IReadOnlyDictionary<string, string> p, string fallback = "closing") =>
        p.Text("phase", fallback, "opening", "closing") == "opening" ? Market.Phase.Opening : Market.Phase.Closing;

    public static readonly IReadOnlyDictionary<string, Market.PriceSource> Books = new Dictionary<string, Market.PriceSource>(
        StringComparer.OrdinalIgnoreCase
    )
    {
        ["pinnacle"] = Market.PriceSource.Pinnacle,
        ["bet365"] = Market.PriceSource.Bet365,
        ["williamhill"] = Market.PriceSource.WilliamHill,
        ["betandwin"] = Market.PriceSource.BetAndWin,
        ["ladbrokes"] = Market.PriceSource.Ladbrokes,
        ["interwetten"] = Market.PriceSource.Interwetten,
        ["softbook"] = Market.PriceSource.SoftBook,
        ["valuebook"] = Market.PriceSource.ValueBook,
        ["market-max"] = Market.PriceSource.MarketMax,
        ["market-avg"] = Market.PriceSource.MarketAvg,
    };

    /// <summary>The pseudo-book "best": the best price of any single named bookmaker, so a search can find which book is off without naming it.</summary>
    public const string BestBook = "best";

    /// <summary>A price source, or null for <see cref="BestBook"/>.</summary>
    public static Market.PriceSource? Book(this IReadOnlyDictionary<string, string> p, string name, string fallback)
    {
        var text = p.Text(name, fallback);
        return text == BestBook ? null
            : Books.TryGetValue(text, out var source) ? source
            : throw new QuantException($"parameter {name}='{text}': expected {BestBook} or one of {string.Join(", ", Books.Keys)}");
    }
}
