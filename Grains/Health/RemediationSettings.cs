namespace Orleans.Betting.Health;

/// <summary>Policy settings (Betting:Health:Remediation): confirmation, cooldowns, the cap, verification.</summary>
public sealed record RemediationSettings(
    int ConfirmSamples = 2,
    int ClearSamples = 3,
    double CooldownSeconds = 30,
    int MaxActionsPerWindow = 10,
    double WindowMinutes = 10,
    double VerifySeconds = 10,
    int FailuresBeforeEscalation = 2,
    int KeepIncidents = 500
);
