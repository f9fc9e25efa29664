using Microsoft.Extensions.Logging;

namespace Orleans.Betting.ExternalApis;

/// <summary>Log lines of the external-API path, source-generated: every attempt passes here.</summary>
internal static partial class ExternalApisLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Api} attempt from {Silo}: {Outcome} {Error}")]
    public static partial void AttemptFailed(ILogger logger, string api, string silo, ApiCallOutcome outcome, string? error);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "{Api}: the learned quota was reset by an operator ({Reason}); calls flow until the next headers"
    )]
    public static partial void QuotaReset(ILogger logger, string api, string reason);
}
