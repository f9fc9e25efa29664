using Microsoft.Extensions.Logging;

namespace Orleans.Betting.Health;

/// <summary>The health monitor's log lines, source-generated: it samples every few seconds, forever.</summary>
internal static partial class HealthLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Health sample: {What} not read: {Error}")]
    public static partial void NotRead(ILogger logger, string what, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health sample failed")]
    public static partial void SampleFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Health state saved again after: {Error}")]
    public static partial void SavedAgain(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health state not saved (kept in memory, retried every sample): {Error}")]
    public static partial void NotSaved(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {Id} opened: {Kind} on {Subject}: {Evidence}")]
    public static partial void IncidentOpened(ILogger logger, long id, AnomalyKind kind, string subject, string evidence);
}
