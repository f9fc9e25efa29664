using Microsoft.Extensions.Options;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Market;
using Orleans.Betting.Market.Live;

namespace Orleans.Betting.Silo.Hosting.StartupTasks;

/// <summary>
/// Live odds polling for <c>Betting:LiveOdds:Sports</c> every <c>PollSeconds</c> at Background priority
/// (idempotent: a sport already polled keeps its timer; the MarketIntelligence agent later sets the pace).
/// </summary>
public sealed partial class StartLiveOddsTask(IGrainFactory grains, IOptions<LiveOddsOptions> options, ILogger<StartLiveOddsTask> logger)
    : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken)
    {
        var live = options.Value;
        var request = live.PollRequest(RequestPriority.Background);
        foreach (var sport in live.SportKeys)
        {
            try
            {
                await grains.GetGrain<ILiveOddsGrain>(sport).StartPollingAsync(request, TimeSpan.FromSeconds(live.PollSeconds));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogNotStarted(e, sport);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not start live odds polling for {Sport}")]
    private partial void LogNotStarted(Exception e, string sport);
}
