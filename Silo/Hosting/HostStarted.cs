namespace Orleans.Betting.Silo.Hosting;

/// <summary>For background services that must wait for the whole host (silo joined, HTTP listening) before their first step.</summary>
public static class HostStarted
{
    public static async Task WhenStartedAsync(this IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(cancellationToken);
        }
    }
}
