namespace Orleans.Betting.Health;

[GenerateSerializer]
[Alias("betting.HealthMonitorState")]
public sealed class HealthMonitorState
{
    [Id(0)]
    public bool Started { get; set; }

    [Id(1)]
    public IncidentBook Book { get; set; } = new();

    [Id(2)]
    public Dictionary<string, List<SeriesPoint>> Series { get; set; } = [];

    [Id(3)]
    public long Samples { get; set; }

    [Id(4)]
    public DateTime? LastSampleUtc { get; set; }

    [Id(5)]
    public Dictionary<string, HumanResume> Resumes { get; set; } = [];
}
