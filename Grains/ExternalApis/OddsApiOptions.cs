using Orleans.Betting.Configuration;

namespace Orleans.Betting.ExternalApis;

/// <summary>The Odds API v4 (<c>Betting:Apis:Odds</c>); the key comes from the environment (<c>Betting__Apis__Odds__ApiKey</c>).</summary>
public sealed class OddsApiOptions : IValidatedOptions
{
    public const string Section = "Betting:Apis:Odds";
    public const string ApiKeyKey = Section + ":ApiKey";
    public const string BaseUrlKey = Section + ":BaseUrl";
    public const string DefaultBaseUrl = "https://api.the-odds-api.com/";

    public string? BaseUrl { get; set; }

    /// <summary>A secret: never logged, never echoed by a validation error.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long an answer is served from the request grain's cache.</summary>
    public double CacheSeconds { get; set; } = 60;

    /// <summary>The month's credits until the quota headers say (500: the free plan; the headers' remaining + used win once seen).</summary>
    public long MonthlyCredits { get; set; } = 500;

    /// <summary>The share of the month's credits kept for Critical calls: polling stops before touching it.</summary>
    public double ReserveShare { get; set; } = 0.1;

    /// <summary>
    /// The most one upstream call may take, token wait excluded (retries, headers and body): past it
    /// the call fails, so no request grain holds an in-flight call for good, whatever the pipeline does.
    /// </summary>
    public double CallDeadlineSeconds { get; set; } = 120;

    public TimeSpan CallDeadline => TimeSpan.FromSeconds(CallDeadlineSeconds);

    public bool HasKey => !string.IsNullOrWhiteSpace(ApiKey);

    public TimeSpan CacheTtl => TimeSpan.FromSeconds(CacheSeconds);

    public void Validate(OptionsProblems problems) =>
        problems
            .Require(
                string.IsNullOrWhiteSpace(BaseUrl) || Uri.TryCreate(BaseUrl, UriKind.Absolute, out _),
                nameof(BaseUrl),
                BaseUrl,
                "must be an absolute URL"
            )
            .AtLeast(nameof(CacheSeconds), CacheSeconds, 0)
            .AtLeast(nameof(MonthlyCredits), MonthlyCredits, 1)
            .Positive(nameof(CallDeadlineSeconds), CallDeadlineSeconds)
            .Between(nameof(ReserveShare), ReserveShare, 0, 0.9);
}
