namespace Orleans.Betting.Market.Live;

[GenerateSerializer]
[Alias("betting.LiveMarketState")]
public sealed class LiveMarketState
{
    /// <summary>The index: every tracked event's summary (the prices live in the event grains).</summary>
    [Id(0)]
    public Dictionary<string, LiveEventSummary> Events { get; set; } = new(StringComparer.Ordinal);

    [Id(1)]
    public HashSet<string> Unmapped { get; set; } = new(StringComparer.Ordinal);

    [Id(2)]
    public long Polls { get; set; }

    [Id(3)]
    public DateTime? LastPollUtc { get; set; }

    [Id(4)]
    public long SkippedQuotes { get; set; }

    [Id(5)]
    public long LayQuotes { get; set; }

    [Id(6)]
    public long BadPrices { get; set; }

    [Id(7)]
    public DateTime? LastScoresUtc { get; set; }

    [Id(8)]
    public string? ScoresError { get; set; }

    [Id(9)]
    public long Settled { get; set; }

    [Id(10)]
    public long Voided { get; set; }

    [Id(11)]
    public List<string> Problems { get; set; } = [];

    [Id(12)]
    public DateTime? LastRetentionUtc { get; set; }

    /// <summary>Events dropped by retention, their event grains cleared.</summary>
    [Id(13)]
    public long Forgotten { get; set; }

    /// <summary>The latest poll's mapping problems, replaced by each poll: one that the next poll no longer has (a league whose history arrived) is gone.</summary>
    [Id(15)]
    public List<string> PollProblems { get; set; } = [];

    /// <summary>Decisions handed out and not yet acknowledged by their taker: handed out again until kick-off.</summary>
    [Id(14)]
    public List<LiveDecision> Unacknowledged { get; set; } = [];
}
