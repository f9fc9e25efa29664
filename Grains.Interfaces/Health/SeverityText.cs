namespace Orleans.Betting.Health;

/// <summary>The lower-case words people and webhooks see for severities and step results.</summary>
public static class SeverityText
{
    public static string Text(this Severity severity) =>
        severity switch
        {
            Severity.Info => "info",
            Severity.Warning => "warning",
            Severity.Critical => "critical",
            _ => severity.ToString().ToLowerInvariant(),
        };

    public static string Text(this StepResult result) => result.ToString().ToLowerInvariant();

    /// <summary>Reads the words written before severities were typed (persisted incidents).</summary>
    public static Severity ParseSeverity(string? text) =>
        text?.Trim().ToLowerInvariant() switch
        {
            "critical" => Severity.Critical,
            "info" => Severity.Info,
            _ => Severity.Warning,
        };

    /// <summary>Reads the words written before step results were typed (persisted incidents).</summary>
    public static StepResult ParseStepResult(string? text) =>
        Enum.TryParse<StepResult>(text, ignoreCase: true, out var result) ? result : StepResult.Done;
}
