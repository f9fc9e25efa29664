namespace Orleans.Betting.ExternalApis;

/// <summary>An odds request, canonicalised so identical requests share one key.</summary>
[GenerateSerializer, Immutable]
public sealed record OddsQuery(
    [property: Id(0)] string Sport,
    [property: Id(1)] string Regions,
    [property: Id(2)] string Markets,
    [property: Id(3)] string OddsFormat = "decimal"
)
{
    public string Key => $"odds|{Sport.ToLowerInvariant()}|{Canon(Regions)}|{Canon(Markets)}|{OddsFormat.ToLowerInvariant()}";

    private static string Canon(string list) =>
        string.Join(
            ',',
            list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => s.ToLowerInvariant())
                .Order(StringComparer.Ordinal)
        );
}
