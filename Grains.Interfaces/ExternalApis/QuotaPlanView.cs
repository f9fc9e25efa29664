namespace Orleans.Betting.ExternalApis;

/// <summary>The odds API's monthly credit plan as the ApiManager last decided it (market time).</summary>
[GenerateSerializer, Immutable]
[Alias("betting.QuotaPlanView")]
public sealed record QuotaPlanView(
    [property: Id(0)] long MonthlyCredits,
    [property: Id(1)] long Used,
    [property: Id(2)] long? Remaining,
    [property: Id(3)] long Reserve,
    [property: Id(4)] double ForecastMonth,
    [property: Id(5)] double? IntervalMinutes,
    [property: Id(6)] double Stretch,
    [property: Id(7)] string State,
    [property: Id(8)] DateTime MonthEndUtc,
    [property: Id(9)] IReadOnlyList<string> Reasons,
    [property: Id(10)] DateTime DecidedUtc
);
