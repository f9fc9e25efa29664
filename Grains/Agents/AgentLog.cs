using Microsoft.Extensions.Logging;

namespace Orleans.Betting.Agents;

/// <summary>The agents' log lines, source-generated (ticks and decisions are the hot path).</summary>
internal static partial class AgentLog
{
    /// <summary>Every decision is in the agent's decision log (<c>agents decisions</c>); the console gets the orchestrator's cycle lines instead.</summary>
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Agent} cycle {Cycle} {Kind}: {Choice} ({Reasons})")]
    public static partial void Decision(ILogger logger, string agent, int cycle, string kind, string choice, string reasons);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Agent} refused tool {Tool}: not in its registry")]
    public static partial void ToolRefused(ILogger logger, string agent, string tool);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Agent}: fault injected for {Seconds} s: {Reason}")]
    public static partial void FaultInjected(ILogger logger, string agent, double seconds, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Agent} tick failed ({Failures} in a row)")]
    public static partial void TickFailed(ILogger logger, Exception exception, string agent, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Agent} could not broadcast {Subject} on {Topic}")]
    public static partial void BroadcastFailed(ILogger logger, Exception exception, string agent, string subject, string topic);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "{Agent}: the decision journal could not be written ({Waiting} decisions wait in the record): {Error}"
    )]
    public static partial void JournalFailed(ILogger logger, string agent, int waiting, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Agent} could not publish message {Id} to {To}")]
    public static partial void PublishFailed(ILogger logger, Exception exception, string agent, string id, string to);
}
