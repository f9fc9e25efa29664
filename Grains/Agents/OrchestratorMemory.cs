using Orleans.Betting.Agents.Decisions;

namespace Orleans.Betting.Agents;

[GenerateSerializer]
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
}
