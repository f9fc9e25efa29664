namespace Orleans.Betting.ExternalApis;

[GenerateSerializer, Immutable]
[Alias("betting.TokenGrant")]
public sealed record TokenGrant([property: Id(0)] bool Granted, [property: Id(1)] double WaitedMs, [property: Id(2)] string? Refusal);
