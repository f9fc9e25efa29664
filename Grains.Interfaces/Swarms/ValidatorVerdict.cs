namespace Orleans.Betting.Swarms;

[GenerateSerializer, Immutable]
[Alias("betting.ValidatorVerdict")]
public sealed record ValidatorVerdict(
    [property: Id(0)] string Validator,
    [property: Id(1)] bool Passed,
    [property: Id(2)] string Reason,
    [property: Id(3)] IReadOnlyDictionary<string, double> Figures
);
