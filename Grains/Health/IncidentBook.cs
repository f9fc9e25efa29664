using System.Globalization;
using Orleans.Betting.ExternalApis;

namespace Orleans.Betting.Health;

[GenerateSerializer]
[Alias("betting.IncidentBook")]
public sealed class IncidentBook
{
    [Id(0)]
    public List<Incident> Incidents { get; set; } = [];

    [Id(1)]
    public long NextId { get; set; } = 1;

    /// <summary>Consecutive samples a finding has been seen, before it becomes an incident.</summary>
    [Id(2)]
    public Dictionary<string, int> Pending { get; set; } = [];

    /// <summary>
    /// Incidents stored before severities, step results and undo settings were typed kept them as words
    /// ("critical", "verified", "4|4"): read them into the typed fields once, on load, and forget the words.
    /// </summary>
    /// <returns>Whether anything was upgraded (the book then deserves a write).</returns>
    public bool UpgradeStoredWords()
    {
        var upgraded = false;
        foreach (var incident in Incidents)
        {
            if (incident.LegacySeverity is { } severity)
            {
                incident.Severity = SeverityText.ParseSeverity(severity);
                incident.LegacySeverity = null;
                upgraded = true;
            }

            if (incident.LegacyUndoArgument is { } undo)
            {
                incident.BucketBefore ??=
                    undo.Split('|') is [var rate, var burst]
                    && double.TryParse(rate, CultureInfo.InvariantCulture, out var r)
                    && int.TryParse(burst, CultureInfo.InvariantCulture, out var b)
                        ? new TokenBucketSettings(r, b)
                        : null;
                incident.LegacyUndoArgument = null;
                upgraded = true;
            }

            foreach (var step in incident.Steps.Where(s => s.LegacyResult is not null))
            {
                step.Result = SeverityText.ParseStepResult(step.LegacyResult);
                step.LegacyResult = null;
                upgraded = true;
            }
        }

        return upgraded;
    }
}
