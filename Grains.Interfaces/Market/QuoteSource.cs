using System.Text.Json.Serialization;
using Orleans.Betting.Serialization;

namespace Orleans.Betting.Market;

/// <summary>
/// Whose price a pick, vote or bet took: a <see cref="PriceSource"/>. It travels and is stored as the source's
/// name ("Pinnacle", "MarketMax"), the string these records carried before the type existed
/// (<see cref="QuoteSourceCodec"/>), so ledgers written then read unchanged.
/// </summary>
[Immutable]
[Alias("betting.QuoteSource")]
[JsonConverter(typeof(TextFormJsonConverter<QuoteSource>))]
public sealed record QuoteSource(PriceSource Value) : ITextForm<QuoteSource>
{
    public string Text => Value.ToString();

    public override string ToString() => Text;

    public static QuoteSource Parse(string text) =>
        TryParse(text, out var source)
            ? source
            : throw new FormatException($"price source '{text}': expected one of {string.Join(", ", Enum.GetNames<PriceSource>())}");

    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out QuoteSource? source)
    {
        // Names only: Enum.TryParse would also take a number or a comma-joined list, neither of which names a price.
        source = null;
        foreach (var value in Enum.GetValues<PriceSource>())
        {
            if (string.Equals(value.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                source = new QuoteSource(value);
            }
        }

        return source is not null;
    }

    public static implicit operator QuoteSource(PriceSource value) => new(value);
}

/// <summary>A <see cref="QuoteSource"/> on the wire and in storage: its name, byte for byte the string it replaced.</summary>
[RegisterSerializer]
public sealed class QuoteSourceCodec : TextFormCodec<QuoteSource>;

[RegisterCopier]
public sealed class QuoteSourceCopier : Orleans.Serialization.Cloning.ShallowCopier<QuoteSource>;
