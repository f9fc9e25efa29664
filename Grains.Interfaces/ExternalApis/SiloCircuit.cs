namespace Orleans.Betting.ExternalApis;

/// <summary>One silo's circuit for an API: Open until its break ends, then HalfOpen until a trial call closes it.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.SiloCircuit")]
public sealed record SiloCircuit([property: Id(0)] string Silo, [property: Id(1)] CircuitState State, [property: Id(2)] DateTime? UntilUtc)
{
    public override string ToString() =>
        $"{State} on {Silo}{(UntilUtc is { } until ? $" until {until.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)}" : "")}";
}
