using System.Globalization;

namespace Orleans.Betting.Strategies;

/// <summary>One tunable parameter: a set of choices or a numeric grid.</summary>
public sealed record ParameterDefinition(string Name, IReadOnlyList<string> Values)
{
    public static ParameterDefinition Choice(string name, params string[] values) => new(name, values);

    public static ParameterDefinition Grid(string name, double min, double max, double step) =>
        new(
            name,
            Enumerable
                .Range(0, (int)Math.Round((max - min) / step) + 1)
                .Select(i => Math.Round(min + i * step, 6).ToString(CultureInfo.InvariantCulture))
                .ToArray()
        );
}
