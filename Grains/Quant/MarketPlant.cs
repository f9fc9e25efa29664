using System.Globalization;

namespace Orleans.Betting.Quant;

/// <summary>
/// The inefficiency a synthetic market carries, with its size: <c>none</c> (the edge-free control),
/// <c>stale-book</c> (the demo's glaring plant) or <c>value-book:edge=0.04,share=0.15</c> (an honest,
/// sized plant: on that share of matches the ValueBook offers one 1X2 outcome at exactly that
/// expected value over the true probability). <c>value-book:edge=0</c> is the strict control: the
/// same prices at exactly fair value (expected return 0, not below it), the null's boundary.
/// </summary>
public sealed record MarketPlant(PlantedEdge Kind, double Edge = 0, double Share = 0)
{
    public const double DefaultEdge = 0.04;
    public const double DefaultShare = 0.15;

    public static MarketPlant None { get; } = new(PlantedEdge.None);

    public static MarketPlant StaleBook { get; } = new(PlantedEdge.StaleBook);

    public static MarketPlant ValueBook(double edge = DefaultEdge, double share = DefaultShare) => new(PlantedEdge.ValueBook, edge, share);

    public static implicit operator MarketPlant(PlantedEdge kind) =>
        kind switch
        {
            PlantedEdge.None => None,
            PlantedEdge.StaleBook => StaleBook,
            _ => ValueBook(),
        };

    public static MarketPlant Parse(string text)
    {
        var trimmed = text.Trim();
        var colon = trimmed.IndexOf(':');
        var kind = (colon < 0 ? trimmed : trimmed[..colon]).ToLowerInvariant();
        switch (kind)
        {
            case "none" or "" when colon < 0:
                return None;
            case "stale-book" when colon < 0:
                return StaleBook;
            case "value-book":
                break;
            default:
                throw new QuantException($"plant '{text}': expected none, stale-book or value-book[:edge=E,share=S]");
        }

        double edge = DefaultEdge,
            share = DefaultShare;
        foreach (var part in colon < 0 ? [] : trimmed[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            var name = eq < 0 ? part : part[..eq].ToLowerInvariant();
            if (eq < 0 || !double.TryParse(part[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new QuantException($"plant '{text}': '{part}' is not name=number");
            }

            switch (name)
            {
                case "edge" when value is >= 0 and <= 1:
                    edge = value;
                    break;
                case "share" when value is > 0 and <= 1:
                    share = value;
                    break;
                case "edge":
                    throw new QuantException($"plant '{text}': edge {part[(eq + 1)..]} must be in [0, 1] (0 is the fair-value control)");
                case "share":
                    throw new QuantException($"plant '{text}': share {part[(eq + 1)..]} must be in (0, 1]");
                default:
                    throw new QuantException($"plant '{text}': unknown parameter '{name}' (expected edge and share)");
            }
        }

        return ValueBook(edge, share);
    }

    public override string ToString() =>
        Kind switch
        {
            PlantedEdge.None => "none",
            PlantedEdge.StaleBook => "stale-book",
            _ => string.Create(CultureInfo.InvariantCulture, $"value-book:edge={Edge:0.####},share={Share:0.####}"),
        };
}
