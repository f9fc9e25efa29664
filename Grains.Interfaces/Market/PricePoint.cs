namespace Orleans.Betting.Market;

/// <summary>One observed price of one outcome at one bookmaker, stamped with the bookmaker's update time.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.PricePoint")]
public readonly record struct PricePoint([property: Id(0)] DateTime AtUtc, [property: Id(1)] double Price);
