using Microsoft.Extensions.Logging;

namespace Orleans.Betting.Market.Live;

/// <summary>Log lines of live polling, source-generated: every poll passes here.</summary>
internal static partial class LiveOddsLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Sport}: {Count} steam move(s): {Moves}")]
    public static partial void SteamMoves(ILogger logger, string sport, int count, string moves);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Sport}: live odds poll failed: {Error}")]
    public static partial void PollFailed(ILogger logger, string sport, string error);
}

/// <summary>Log lines of the live market store.</summary>
internal static partial class LiveMarketLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Sport}: scores unavailable, bets stay open until the next settlement: {Error}")]
    public static partial void ScoresFailed(ILogger logger, string sport, string error);
}
