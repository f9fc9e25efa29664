using Orleans.Betting.Cluster;

namespace Orleans.Betting.Silo.Hosting.StartupTasks;

/// <summary>Writes this silo's start into the cluster journal (what <c>status</c> shows as the cluster's history).</summary>
public sealed partial class RecordSiloStartTask(
    IGrainFactory grains,
    ILocalSiloDetails local,
    SiloSettings settings,
    TimeProvider time,
    ILogger<RecordSiloStartTask> logger
) : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken)
    {
        var journal = grains.GetGrain<IClusterJournalGrain>(IClusterJournalGrain.Key);
        try
        {
            await journal.RecordSiloStartAsync(
                new SiloStart(
                    local.SiloAddress.ToString(),
                    local.Name,
                    local.DnsHostName,
                    settings.Profile.ToString(),
                    settings.StorageDescription,
                    time.GetUtcNow().UtcDateTime
                )
            );
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogNotRecorded(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record this silo's start in the cluster journal")]
    private partial void LogNotRecorded(Exception e);
}
