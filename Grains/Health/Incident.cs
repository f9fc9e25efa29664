using Orleans.Betting.ExternalApis;

namespace Orleans.Betting.Health;

[GenerateSerializer]
[Alias("betting.Incident")]
public sealed class Incident
{
    [Id(0)]
    public long Id { get; set; }

    [Id(1)]
    public string Key { get; set; } = "";

    [Id(2)]
    public string Subject { get; set; } = "";

    [Id(3)]
    public string Series { get; set; } = "";

    [Id(4)]
    public AnomalyKind Kind { get; set; }

    /// <summary>The severity as a word, as stored before severities were typed: read by <see cref="IncidentBook.UpgradeStoredWords"/>.</summary>
    [Id(5)]
    public string? LegacySeverity { get; set; }

    [Id(6)]
    public string Evidence { get; set; } = "";

    [Id(7)]
    public DateTime DetectedUtc { get; set; }

    [Id(8)]
    public DateTime LastSeenUtc { get; set; }

    [Id(9)]
    public DateTime? ResolvedUtc { get; set; }

    [Id(10)]
    public bool Escalated { get; set; }

    [Id(11)]
    public int Failures { get; set; }

    [Id(12)]
    public int CleanSamples { get; set; }

    [Id(13)]
    public List<IncidentStep> Steps { get; set; } = [];

    [Id(14)]
    public string? Undo { get; set; }

    /// <summary>The bucket's "rate|burst" before it was slowed, as stored before <see cref="BucketBefore"/>: read by <see cref="IncidentBook.UpgradeStoredWords"/>.</summary>
    [Id(15)]
    public string? LegacyUndoArgument { get; set; }

    /// <summary>What was seen last (kind and evidence): what keeps the incident open.</summary>
    [Id(16)]
    public string? LastEvidence { get; set; }

    [Id(17)]
    public Severity Severity { get; set; } = Severity.Warning;

    /// <summary>The bucket's settings before a remediation changed them (what the undo restores).</summary>
    [Id(18)]
    public TokenBucketSettings? BucketBefore { get; set; }

    public bool Open => ResolvedUtc is null;

    public IncidentStep? AwaitingVerification => Steps.LastOrDefault(s => s.Result == StepResult.Applied && s.VerifyAtUtc is not null);
}
