namespace Orleans.Betting.Market.Live;

/// <summary>
/// A live event in the market store (persisted by its sport's live market grain): identity and
/// mapping, the latest back price of every book × market × outcome × line with its timestamp, the
/// decision snapshot (the latest prices as of the decision lead before kick-off), the close captured
/// at commence, and the result or the reason it was voided.
/// </summary>
[GenerateSerializer]
[Alias("betting.LiveEventRecord")]
public sealed class LiveEventRecord
{
    [Id(0)]
    public string EventId { get; set; } = "";

    [Id(1)]
    public string SportKey { get; set; } = "";

    /// <summary>Null for a sport with no league history (tracked, never traded).</summary>
    [Id(2)]
    public string? League { get; set; }

    [Id(3)]
    public string Season { get; set; } = "";

    /// <summary>Fixed when first seen: a moved kick-off keeps the event's identity (and its bets).</summary>
    [Id(4)]
    public string MatchId { get; set; } = "";

    [Id(5)]
    public string ProviderHome { get; set; } = "";

    [Id(6)]
    public string ProviderAway { get; set; } = "";

    /// <summary>The history's names (null while unmapped).</summary>
    [Id(7)]
    public string? Home { get; set; }

    [Id(8)]
    public string? Away { get; set; }

    [Id(9)]
    public DateTime CommenceUtc { get; set; }

    [Id(10)]
    public DateTime FirstSeenUtc { get; set; }

    [Id(11)]
    public DateTime LastSeenUtc { get; set; }

    [Id(12)]
    public List<LiveQuote> Latest { get; set; } = [];

    [Id(13)]
    public List<LiveQuote> Decision { get; set; } = [];

    [Id(14)]
    public List<LiveQuote>? Closing { get; set; }

    [Id(15)]
    public LiveEventStatus Status { get; set; }

    [Id(16)]
    public MatchResult? Result { get; set; }

    [Id(17)]
    public string? VoidReason { get; set; }

    [Id(18)]
    public int CommenceMoves { get; set; }

    [Id(19)]
    public bool TwoWay { get; set; }

    [Id(20)]
    public DateTime? SettledUtc { get; set; }

    /// <summary>When the agents last took a decision snapshot (one per decision lead).</summary>
    [Id(21)]
    public DateTime? LastDecisionUtc { get; set; }

    /// <summary>The newest time of any pre-match quote (the feed's freshness for this event).</summary>
    public DateTime? LastQuoteUtc => Latest.Count > 0 ? Latest.Max(q => q.AtUtc) : null;

    /// <summary>Both teams met their history in a league with history: the agents may trade it.</summary>
    public bool Mapped => League is not null && Home is not null && Away is not null;

    public string Fixture => $"{ProviderHome} v {ProviderAway}";

    public LiveEventSummary Summary() =>
        new(
            EventId,
            MatchId.Length > 0 ? MatchId : null,
            League,
            Season,
            CommenceUtc,
            Status,
            Mapped,
            LastDecisionUtc,
            LastQuoteUtc,
            SettledUtc,
            VoidReason,
            Fixture
        );
}
