using Orleans.Betting.Configuration;

namespace Orleans.Betting.ExternalApis;

/// <summary>One API's cluster-wide token bucket (<c>Betting:Apis:{api}</c>; named options, one per <see cref="ApiNames.All"/>).</summary>
public sealed class TokenBucketOptions : IValidatedOptions
{
    public static string SectionFor(string? api) => $"Betting:Apis:{api}";

    public double TokensPerSecond { get; set; } = 4;

    public int Burst { get; set; } = 4;

    /// <summary>Requests of the monthly quota kept for Critical callers.</summary>
    public long QuotaReserve { get; set; }

    public TokenBucketSettings Settings => new(TokensPerSecond, Burst, QuotaReserve);

    public void Validate(OptionsProblems problems) =>
        problems
            .Positive(nameof(TokensPerSecond), TokensPerSecond)
            .AtLeast(nameof(Burst), Burst, 1)
            .AtLeast(nameof(QuotaReserve), QuotaReserve, 0);
}
