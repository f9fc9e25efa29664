namespace Orleans.Betting.Quant;

public sealed record SimulationOptions(int Seed, int Leagues, IReadOnlyList<string> Seasons, PlantedEdge Plant, int TeamsPerLeague = 20)
{
    public static PlantedEdge ParsePlant(string text) =>
        text.Trim().ToLowerInvariant() switch
        {
            "none" or "" => PlantedEdge.None,
            "stale-book" => PlantedEdge.StaleBook,
            _ => throw new QuantException($"plant '{text}': expected none or stale-book"),
        };
}
