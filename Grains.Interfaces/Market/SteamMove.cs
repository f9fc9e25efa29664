namespace Orleans.Betting.Market;

/// <summary>
/// A steam move: the same outcome shortened (or drifted) by at least the threshold in implied
/// probability within the window at several bookmakers at once — money moving the whole market.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("betting.SteamMove")]
public sealed record SteamMove(
    [property: Id(0)] string Market,
    [property: Id(1)] string Outcome,
    [property: Id(2)] double? Point,
    [property: Id(3)] int Direction,
    [property: Id(4)] IReadOnlyList<string> Bookmakers,
    [property: Id(5)] string FirstMover,
    [property: Id(6)] double FromProbability,
    [property: Id(7)] double ToProbability,
    [property: Id(8)] DateTime StartedUtc,
    [property: Id(9)] DateTime DetectedUtc
)
{
    /// <summary>"shortening" when the outcome became more likely (price fell), else "drifting".</summary>
    public string Kind => Direction > 0 ? "shortening" : "drifting";
}
