using Orleans.Betting.Configuration;

namespace Orleans.Betting.Health;

/// <summary>The health monitor and the connectivity auditor (<c>Betting:Health</c>).</summary>
public sealed class HealthOptions : IValidatedOptions
{
    public const string Section = "Betting:Health";

    /// <summary>Run the monitor and the auditor on this silo.</summary>
    public bool Enabled { get; set; } = true;

    public double SampleSeconds { get; set; } = 5;

    public double AuditSeconds { get; set; } = 15;

    /// <summary>Points kept per persisted series.</summary>
    public int SeriesPoints { get; set; } = 360;

    /// <summary>A memory leak is an incident when it would exhaust the memory left within this many hours.</summary>
    public double LeakHorizonHours { get; set; } = 24;

    /// <summary>How long an API's bucket is paused by the pause remediation.</summary>
    public double PauseSeconds { get; set; } = 15;

    /// <summary>The live polls' slowdown factor of the slow-polling remediation.</summary>
    public double PollingSlowdown { get; set; } = 4;

    /// <summary>Idle activations older than this are collected by the collect remediation.</summary>
    public double CollectIdleMinutes { get; set; } = 5;

    public DetectorOptions Detector { get; set; } = new();

    public RemediationSettings Remediation { get; set; } = new();

    public RuleSettings Rules { get; set; } = new();

    public TimeSpan SamplePeriod => TimeSpan.FromSeconds(Math.Max(0.2, SampleSeconds));

    public TimeSpan AuditPeriod => TimeSpan.FromSeconds(Math.Max(0.5, AuditSeconds));

    public void Validate(OptionsProblems problems) =>
        problems
            .Positive(nameof(SampleSeconds), SampleSeconds)
            .Positive(nameof(AuditSeconds), AuditSeconds)
            .AtLeast(nameof(SeriesPoints), SeriesPoints, 10)
            .Positive(nameof(LeakHorizonHours), LeakHorizonHours)
            .Positive(nameof(PauseSeconds), PauseSeconds)
            .AtLeast(nameof(PollingSlowdown), PollingSlowdown, 1)
            .Positive(nameof(CollectIdleMinutes), CollectIdleMinutes)
            .Nested(
                nameof(Detector),
                d =>
                    d.AtLeast(nameof(DetectorOptions.WarmUp), Detector.WarmUp, 2)
                        .Positive(nameof(DetectorOptions.LatencyFloorMs), Detector.LatencyFloorMs)
                        .Positive(nameof(DetectorOptions.StorageFloorMs), Detector.StorageFloorMs)
            )
            .Nested(
                nameof(Remediation),
                r =>
                    r.AtLeast(nameof(RemediationSettings.ConfirmSamples), Remediation.ConfirmSamples, 1)
                        .AtLeast(nameof(RemediationSettings.ClearSamples), Remediation.ClearSamples, 1)
                        .AtLeast(nameof(RemediationSettings.CooldownSeconds), Remediation.CooldownSeconds, 0)
                        .AtLeast(nameof(RemediationSettings.MaxActionsPerWindow), Remediation.MaxActionsPerWindow, 1)
                        .Positive(nameof(RemediationSettings.WindowMinutes), Remediation.WindowMinutes)
                        .AtLeast(nameof(RemediationSettings.VerifySeconds), Remediation.VerifySeconds, 0)
                        .AtLeast(nameof(RemediationSettings.FailuresBeforeEscalation), Remediation.FailuresBeforeEscalation, 1)
                        .AtLeast(nameof(RemediationSettings.KeepIncidents), Remediation.KeepIncidents, 1)
            )
            .Nested(
                nameof(Rules),
                r =>
                    r.Between(nameof(RuleSettings.ErrorRate), Rules.ErrorRate, 0, 1)
                        .Positive(nameof(RuleSettings.SlowLatencyMs), Rules.SlowLatencyMs)
                        .Between(nameof(RuleSettings.TimeoutRate), Rules.TimeoutRate, 0, 1)
                        .AtLeast(nameof(RuleSettings.MinLiveBets), Rules.MinLiveBets, 1)
                        .Positive(nameof(RuleSettings.RangeZ), Rules.RangeZ)
                        .AtLeast(nameof(RuleSettings.MinClvGap), Rules.MinClvGap, 0)
                        .Positive(nameof(RuleSettings.StaleMinutes), Rules.StaleMinutes)
                        .Positive(nameof(RuleSettings.MaxAgentRecordKb), Rules.MaxAgentRecordKb)
                        .Between(nameof(RuleSettings.MinDiskFreePercent), Rules.MinDiskFreePercent, 0, 100)
            );
}

/// <summary>The statistical detectors' settings (<c>Betting:Health:Detector</c>).</summary>
public sealed class DetectorOptions
{
    /// <summary>
    /// The anomaly model judging the series: <c>robust</c> (the default: median/MAD baseline, CUSUM, Mann–Kendall),
    /// <c>ewma</c>, or the name of any <see cref="IAnomalyDetectorFactory"/> registered in the silo's services.
    /// </summary>
    public string Model { get; set; } = RobustDetectorFactory.Name;

    /// <summary>Samples a baseline learns from before it judges.</summary>
    public int WarmUp { get; set; } = 60;

    /// <summary>The smallest latency scale (ms): jitter below it is no anomaly.</summary>
    public double LatencyFloorMs { get; set; } = 100;

    public double StorageFloorMs { get; set; } = 100;
}
