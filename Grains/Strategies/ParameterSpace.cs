using System.Globalization;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Strategies;

/// <summary>One tunable parameter: a set of choices or a numeric grid.</summary>
public sealed record ParameterDefinition(string Name, IReadOnlyList<string> Values)
{
    public static ParameterDefinition Choice(string name, params string[] values) => new(name, values);

    public static ParameterDefinition Grid(string name, double min, double max, double step) => new(name,
        Enumerable.Range(0, (int)Math.Round((max - min) / step) + 1)
            .Select(i => Math.Round(min + i * step, 6).ToString(CultureInfo.InvariantCulture)).ToArray());
}

/// <summary>The parameter space of a family: what the generation swarm samples, recombines and mutates.</summary>
public sealed record ParameterSpace(IReadOnlyList<ParameterDefinition> Parameters)
{
    public IReadOnlyDictionary<string, string> Sample(Random random) =>
        Parameters.ToDictionary(p => p.Name, p => p.Values[random.Next(p.Values.Count)], StringComparer.Ordinal);

    /// <summary>Local move: one parameter steps to a neighbouring grid value (or another choice).</summary>
    public IReadOnlyDictionary<string, string> Mutate(IReadOnlyDictionary<string, string> parameters, Random random)
    {
        var result = new Dictionary<string, string>(parameters, StringComparer.Ordinal);
        var p = Parameters[random.Next(Parameters.Count)];
        var index = Math.Max(0, p.Values.ToList().IndexOf(result.GetValueOrDefault(p.Name) ?? p.Values[0]));
        var next = p.Values.Count == 1 ? 0 : IsNumeric(p)
            ? Math.Clamp(index + (random.Next(2) == 0 ? -1 : 1) * (1 + random.Next(2)), 0, p.Values.Count - 1)
            : (index + 1 + random.Next(p.Values.Count - 1)) % p.Values.Count;
        result[p.Name] = p.Values[next];
        return result;
    }

    /// <summary>Recombination: each parameter from one parent or the other.</summary>
    public IReadOnlyDictionary<string, string> Cross(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b, Random random) =>
        Parameters.ToDictionary(p => p.Name, p => (random.Next(2) == 0 ? a : b).GetValueOrDefault(p.Name) ?? p.Values[0], StringComparer.Ordinal);

    private static bool IsNumeric(ParameterDefinition p) => p.Values.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
}

/// <summary>Typed reads of spec parameters with errors that name the parameter.</summary>
public static class SpecParameters
{
    public static double Number(this IReadOnlyDictionary<string, string> p, string name, double fallback, double min = double.MinValue, double max = double.MaxValue)
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

    public static readonly IReadOnlyDictionary<string, Market.PriceSource> Books = new Dictionary<string, Market.PriceSource>(StringComparer.OrdinalIgnoreCase)
    {
        ["pinnacle"] = Market.PriceSource.Pinnacle,
        ["bet365"] = Market.PriceSource.Bet365,
        ["williamhill"] = Market.PriceSource.WilliamHill,
        ["betandwin"] = Market.PriceSource.BetAndWin,
        ["ladbrokes"] = Market.PriceSource.Ladbrokes,
        ["interwetten"] = Market.PriceSource.Interwetten,
        ["softbook"] = Market.PriceSource.SoftBook,
        ["market-max"] = Market.PriceSource.MarketMax,
        ["market-avg"] = Market.PriceSource.MarketAvg,
    };

    public static Market.PriceSource Book(this IReadOnlyDictionary<string, string> p, string name, string fallback) =>
        Books.TryGetValue(p.Text(name, fallback), out var source)
            ? source
            : throw new QuantException($"parameter {name}='{p.Text(name, fallback)}': expected one of {string.Join(", ", Books.Keys)}");
}
