namespace Orleans.Betting.Strategies;

/// <summary>A strategy = family + parameters, e.g. "baseline:outcome=home,price=pinnacle-closing".</summary>
[GenerateSerializer, Immutable]
[Alias("betting.StrategySpec")]
public sealed record StrategySpec([property: Id(0)] string Family, [property: Id(1)] IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>Canonical text: family, then parameters sorted by name.</summary>
    public string Text =>
        Parameters.Count == 0
            ? Family
            : $"{Family}:{string.Join(',', Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}";

    /// <summary>A stable id derived from the canonical text (same spec, same grain).</summary>
    public string Id =>
        $"{Family}-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Text)))[..12].ToLowerInvariant()}";

    public static StrategySpec Parse(string text)
    {
        var trimmed = text.Trim();
        var colon = trimmed.IndexOf(':');
        var family = (colon < 0 ? trimmed : trimmed[..colon]).Trim().ToLowerInvariant();
        if (family.Length == 0)
        {
            throw new ArgumentException($"strategy '{text}': the family is missing (expected family:key=value,...)");
        }

        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (colon >= 0)
        {
            foreach (var pair in trimmed[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = pair.IndexOf('=');
                if (eq <= 0 || eq == pair.Length - 1)
                {
                    throw new ArgumentException($"strategy '{text}': '{pair}' is not key=value");
                }

                if (!parameters.TryAdd(pair[..eq].Trim().ToLowerInvariant(), pair[(eq + 1)..].Trim().ToLowerInvariant()))
                {
                    throw new ArgumentException($"strategy '{text}': parameter '{pair[..eq]}' is given twice");
                }
            }
        }

        return new StrategySpec(family, parameters);
    }
}
