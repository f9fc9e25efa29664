namespace Orleans.Betting.Health;

[GenerateSerializer]
[Alias("betting.IncidentStep")]
public sealed class IncidentStep
{
    [Id(0)]
    public string Action { get; set; } = "";

    /// <summary>The result as words, as stored before results were typed: read by <see cref="IncidentBook.UpgradeStoredWords"/>.</summary>
    [Id(1)]
    public string? LegacyResult { get; set; }

    [Id(2)]
    public DateTime AtUtc { get; set; }

    [Id(3)]
    public string Detail { get; set; } = "";

    /// <summary>The action's effect is judged from here (e.g. the end of a pause)…</summary>
    [Id(4)]
    public DateTime? VerifyFromUtc { get; set; }

    /// <summary>…until here; then "verified" if the anomaly was not seen since VerifyFromUtc, else "failed".</summary>
    [Id(5)]
    public DateTime? VerifyAtUtc { get; set; }

    [Id(6)]
    public StepResult Result { get; set; }
}
