using System.Globalization;

namespace Orleans.Betting.Strategies;

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
        var next =
            p.Values.Count == 1 ? 0
            : IsNumeric(p) ? Math.Clamp(index + (random.Next(2) == 0 ? -1 : 1) * (1 + random.Next(2)), 0, p.Values.Count - 1)
            : (index + 1 + random.Next(p.Values.Count - 1)) % p.Values.Count;
        result[p.Name] = p.Values[next];
        return result;
    }

    /// <summary>Recombination: each parameter from one parent or the other.</summary>
    public IReadOnlyDictionary<string, string> Cross(
        IReadOnlyDictionary<string, string> a,
        IReadOnlyDictionary<string, string> b,
        Random random
    ) =>
        Parameters.ToDictionary(
            p => p.Name,
            p => (random.Next(2) == 0 ? a : b).GetValueOrDefault(p.Name) ?? p.Values[0],
            StringComparer.Ordinal
        );

    private static bool IsNumeric(ParameterDefinition p) =>
        p.Values.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
}
