using Orleans.Betting.Agents.Decisions;

namespace Orleans.Betting.Agents;

[GenerateSerializer]
[Alias("betting.OrchestratorMemory")]
public sealed class OrchestratorMemory
{
    [Id(0)]
    public int Cycle { get; set; }

    [Id(1)]
    public DateTime? NextWindowUtc { get; set; }

    [Id(2)]
    public DateTime MarketEndUtc { get; set; }

    [Id(3)]
    public MarketLayout? Layout { get; set; }

    [Id(4)]
    public Dictionary<string, ArmRecord> Arms { get; set; } = [];

    [Id(5)]
    public double SecondsPerCandidate { get; set; } = 0.05;

    [Id(6)]
    public List<CycleSummary> History { get; set; } = [];

    [Id(7)]
    public CycleWork? Current { get; set; }

    [Id(8)]
    public List<string> Validated { get; set; } = [];

    [Id(9)]
    public HashSet<string> DeployedIds { get; set; } = [];

    [Id(10)]
    public int DeployedTotal { get; set; }

    [Id(11)]
    public int BetsPlaced { get; set; }

    [Id(12)]
    public int Vetoes { get; set; }

    [Id(13)]
    public bool Finished { get; set; }

    [Id(14)]
    public string? LastReport { get; set; }

    /// <summary>Every fit configuration tried by every search so far (a lifetime count; the deflated Sharpe ratio uses <see cref="TrialsBySplit"/>).</summary>
    [Id(15)]
    public Swarms.TrialTally Trials { get; set; } = Swarms.TrialTally.Empty;

    /// <summary>
    /// Test periods opened, keyed by every season their tests read (confirmation + test), and in which
    /// cycle: each is opened once, marked before its validation starts, and spends its share of the
    /// lifetime α (the k-th opened gets <see cref="Decisions.AlphaSpending.ForPeriod"/>(k)).
    /// </summary>
    [Id(16)]
    public Dictionary<string, int> OpenedTestPeriods { get; set; } = [];

    /// <summary>The best of the last search by training fitness alone: what "evolve" breeds from (never what passed a holdout).</summary>
    [Id(17)]
    public List<string> TrainingElites { get; set; } = [];

    /// <summary>Live trading's own memory (null on a replay).</summary>
    [Id(18)]
    public LiveTrading? Live { get; set; }

    /// <summary>The trial ledger per split (keyed as <see cref="OpenedTestPeriods"/>): N and V of the deflated Sharpe ratio describe the trials on that split only.</summary>
    [Id(19)]
    public Dictionary<string, Swarms.TrialTally> TrialsBySplit { get; set; } = [];

    /// <summary>The trial ledger per strategy family across every search: trials and those that paid in training.</summary>
    [Id(20)]
    public Dictionary<string, FamilyRecord> Families { get; set; } = [];

    /// <summary>The last search focus, one line per family (weight and why).</summary>
    [Id(21)]
    public List<string> Focus { get; set; } = [];
}

/// <summary>One strategy family's record across searches: trials, and trials whose training evidence made money.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.FamilyRecord")]
public sealed record FamilyRecord([property: Id(0)] int Trials, [property: Id(1)] int Paying);

/// <summary>What the orchestrator keeps while trading live: the sports, the decisions taken but not yet traded, the counts.</summary>
[GenerateSerializer]
[Alias("betting.LiveTrading")]
public sealed class LiveTrading
{
    [Id(0)]
    public List<string> Sports { get; set; } = [];

    /// <summary>Decision snapshots taken and not yet voted on (a restart votes on them while still before kick-off).</summary>
    [Id(1)]
    public List<Market.LiveDecision> Pending { get; set; } = [];

    [Id(2)]
    public long Decisions { get; set; }

    [Id(3)]
    public long BetsPlaced { get; set; }

    [Id(4)]
    public long Refused { get; set; }

    [Id(5)]
    public long Voided { get; set; }

    [Id(6)]
    public DateTime? LastTradeUtc { get; set; }

    [Id(7)]
    public DateTime? LastSettleUtc { get; set; }

    /// <summary>What is missing before anything can be traded (no key, no sport for a league): the degraded state, said plainly.</summary>
    [Id(8)]
    public string? Degraded { get; set; }
}
