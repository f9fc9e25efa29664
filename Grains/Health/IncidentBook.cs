namespace Orleans.Betting.Health;

[GenerateSerializer]
public sealed class IncidentBook
{
    [Id(0)]
    public List<Incident> Incidents { get; set; } = [];

    [Id(1)]
    public long NextId { get; set; } = 1;

    /// <summary>Consecutive samples a finding has been seen, before it becomes an incident.</summary>
    [Id(2)]
    public Dictionary<string, int> Pending { get; set; } = [];
}
