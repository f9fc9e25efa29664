using Orleans.Betting.Agents;

namespace Orleans.Betting.Silo.Hosting.StartupTasks;

/// <summary>
/// Starts every agent (idempotent: a Running agent stays as it is; a restarted silo's agents resume
/// from their persisted step). A silo must not fail to start because a peer died under it (an
/// agent's activation was on a silo killed meanwhile): each start is tried again with backoff, and
/// one that still fails is left to its keep-alive reminder or the next silo start, with a warning.
/// </summary>
public sealed class StartAgentsTask(IGrainFactory grains, ILogger<StartAgentsTask> logger) : IStartupTask
{
    private static readonly TimeSpan[] Backoff =
    [
        TimeSpan.FromSeconds(1),
        TimeSpan.FromSeconds(2),
        TimeSpan.FromSeconds(4),
        TimeSpan.FromSeconds(8),
    ];

    public async Task Execute(CancellationToken cancellationToken)
    {
        foreach (var (name, _) in AgentNames.All)
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await grains.Agent(name).StartAsync("silo started");
                    break;
                }
                catch (Exception e) when (e is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    if (attempt >= Backoff.Length)
                    {
                        logger.LogWarning(
                            "agent {Agent} did not start with this silo ({Error}); its keep-alive reminder (once it has run) or the next silo start starts it",
                            name,
                            e.Message
                        );
                        break;
                    }

                    await Task.Delay(Backoff[attempt], cancellationToken);
                }
            }
        }
    }
}
