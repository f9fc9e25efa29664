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

    /// <summary>
    /// The day of the month the API's credits reset (the same key as the odds API's plan:
    /// Betting:Apis:{api}:QuotaResetDay): a quota learned from the headers holds until then.
    /// </summary>
    public int QuotaResetDay { get; set; } = 1;

    public TokenBucketSettings Settings => new(TokensPerSecond, Burst, QuotaReserve, QuotaResetDay);

    public void Validate(OptionsProblems problems) =>
        problems
            .Positive(nameof(TokensPerSecond), TokensPerSecond)
            .AtLeast(nameof(Burst), Burst, 1)
            .AtLeast(nameof(QuotaReserve), QuotaReserve, 0)
            .Between(nameof(QuotaResetDay), QuotaResetDay, 1, 28);
}
