namespace Orleans.Betting.Ledger;

[GenerateSerializer, Immutable]
[Alias("betting.PlaceResult")]
public sealed record PlaceResult(
    [property: Id(0)] int Placed,
    [property: Id(1)] int AlreadyPlaced,
    [property: Id(2)] IReadOnlyList<string> Rejected
);
