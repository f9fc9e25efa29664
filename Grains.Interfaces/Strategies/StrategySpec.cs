using System.Text.Json.Serialization;
using Orleans.Betting.Serialization;

namespace Orleans.Betting.Strategies;

/// <summary>
/// A strategy = family + parameters, e.g. "baseline:outcome=home,price=pinnacle-closing". Two specs are equal
/// when their canonical <see cref="Text"/> is; a spec travels and is stored as that text (<see cref="StrategySpecCodec"/>),
/// the string the records carried before the type existed.
/// </summary>
[Immutable]
[Alias("betting.StrategySpec")]
[JsonConverter(typeof(TextFormJsonConverter<StrategySpec>))]
public sealed record StrategySpec(string Family, IReadOnlyDictionary<string, string> Parameters) : ITextForm<StrategySpec>
{
    /// <summary>Canonical text: family, then parameters sorted by name.</summary>
    public string Text =>
        Parameters.Count == 0
            ? Family
            : $"{Family}:{string.Join(',', Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}";

    /// <summary>A stable id derived from the canonical text (same spec, same grain).</summary>
    public string Id =>
        $"{Family}-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Text)))[..12].ToLowerInvariant()}";

    /// <summary>The same spec with one parameter set (added, or replacing its value).</summary>
    public StrategySpec With(string name, string value) =>
        this with
        {
            Parameters = new Dictionary<string, string>(Parameters, StringComparer.Ordinal) { [name] = value },
        };

    public bool Equals(StrategySpec? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    public override string ToString() => Text;

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

[RegisterSerializer]
public sealed class StrategySpecCodec : TextFormCodec<StrategySpec>;

[RegisterCopier]
public sealed class StrategySpecCopier : Orleans.Serialization.Cloning.ShallowCopier<StrategySpec>;
