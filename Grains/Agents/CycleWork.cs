using Orleans.Betting.Ledger;
using Orleans.Betting.Strategies;
using Orleans.Betting.Swarms;

namespace Orleans.Betting.Agents;

/// <summary>The cycle in progress, persisted between its steps.</summary>
[GenerateSerializer]
[Alias("betting.CycleWork")]
public sealed class CycleWork
{
    [Id(0)]
    public int Cycle { get; set; }

    [Id(1)]
    public DateTime WindowStartUtc { get; set; }

    [Id(2)]
    public List<string> QualityIssues { get; set; } = [];

    [Id(3)]
    public List<string> Completed { get; set; } = [];

    [Id(4)]
    public List<string> Current { get; set; } = [];

    [Id(5)]
    public List<SeasonMarketFacts> Facts { get; set; } = [];

    [Id(6)]
    public List<string> Training { get; set; } = [];

    [Id(7)]
    public string? Arm { get; set; }

    [Id(8)]
    public List<string> Parents { get; set; } = [];

    [Id(9)]
    public int Candidates { get; set; }

    [Id(10)]
    public string? RunId { get; set; }

    [Id(11)]
    public List<ValidationOutcome> Validation { get; set; } = [];

    [Id(12)]
    public Dictionary<string, BacktestFigures> InSample { get; set; } = [];

    [Id(13)]
    public List<string> DeployedBefore { get; set; } = [];

    [Id(14)]
    public List<string> Deployed { get; set; } = [];

    [Id(15)]
    public List<Pick> Picks { get; set; } = [];

    [Id(16)]
    public List<PaperBet> Bets { get; set; } = [];

    [Id(17)]
    public int VetoCount { get; set; }

    [Id(18)]
    public List<DateTime> DecisionTimes { get; set; } = [];

    [Id(19)]
    public double? Pbo { get; set; }

    /// <summary>Every season this cycle's tests read (confirmation + test): the key its α was spent under.</summary>
    [Id(20)]
    public string? TestKey { get; set; }

    /// <summary>The gate's level for this cycle's search: its share of the orchestrator's lifetime α.</summary>
    [Id(21)]
    public double Alpha { get; set; }

    /// <summary>Bets the ledger took (a bet it already held is not counted); null until the place step ran.</summary>
    [Id(22)]
    public int? Placed { get; set; }

    /// <summary>The work this cycle asked of the specialists on the bus, by step: the request's id.</summary>
    [Id(23)]
    public Dictionary<string, string> Requests { get; set; } = [];

    /// <summary>The StrategyAnalyst answered that this cycle's search is under way (its status is read from then on).</summary>
    [Id(24)]
    public bool SearchStarted { get; set; }

    /// <summary>How this cycle's search shares its ideas among families (learned across cycles); null: evenly.</summary>
    [Id(25)]
    public Dictionary<string, double>? FamilyWeights { get; set; }
}
