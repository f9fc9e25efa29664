using Orleans.Betting.Market.Identity;

namespace Orleans.Betting.Market.Live;

/// <summary>
/// One event of an odds response in our market model: its league (null for a sport without
/// football-data history), its teams mapped to the league history's names, the back prices we model
/// and what was kept out (counted and named, never silently dropped).
/// </summary>
public sealed record LiveEventReading(
    string EventId,
    string SportKey,
    string? League,
    DateTime CommenceUtc,
    string ProviderHome,
    string ProviderAway,
    TeamMapping? Home,
    TeamMapping? Away,
    bool TwoWay,
    IReadOnlyList<LiveQuote> Quotes,
    LiveSkips Skipped,
    IReadOnlyList<string> Problems
)
{
    /// <summary>Tradeable: a league with history, and both teams met their history (an unmapped team is reported, not traded).</summary>
    public bool Mapped => League is not null && Home is { Mapped: true } && Away is { Mapped: true };

    public string Fixture => $"{ProviderHome} v {ProviderAway}";

    /// <summary>What the event's grain records (serialisable: the history names, not the matcher's evidence).</summary>
    public LiveObservation ToObservation(DateTime observedUtc, TimeSpan firstLead) =>
        new(
            EventId,
            SportKey,
            League,
            Home?.HistoryName,
            Away?.HistoryName,
            ProviderHome,
            ProviderAway,
            CommenceUtc,
            TwoWay,
            Quotes,
            observedUtc,
            firstLead
        );
}

/// <summary>What an event's response held that is not a back price we model.</summary>
public sealed record LiveSkips(int LayQuotes, int UnmodelledQuotes, int BadPrices, int UnknownOutcomes, bool NoBookmakers)
{
    public int Total => LayQuotes + UnmodelledQuotes + BadPrices + UnknownOutcomes;
}
