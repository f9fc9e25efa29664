namespace Orleans.Betting.Client.Infrastructure;

/// <summary>
/// Rides out the moments when a silo is lost or leaving: a read that fails because of the cluster
/// (a silo unavailable, a rejected or timed-out message, a dropped gateway connection) is tried again
/// on another gateway, until a deadline. Errors the grain itself raises are never retried.
/// </summary>
public static class TransientCalls
{
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken, TimeSpan? patience = null)
    {
        var deadline = TimeProvider.System.GetUtcNow().UtcDateTime + (patience ?? TimeSpan.FromMinutes(2));
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                return await read();
            }
            catch (Exception e)
                when (IsTransient(e) && TimeProvider.System.GetUtcNow().UtcDateTime < deadline && !cancellationToken.IsCancellationRequested
                )
            {
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(2000, delay.TotalMilliseconds * 2));
            }
        }
    }

    /// <summary>Failures of the cluster's plumbing, not of the call: Orleans' messaging and membership exceptions and timeouts.</summary>
    public static bool IsTransient(Exception e) =>
        e switch
        {
            TimeoutException => true,
            Orleans.Runtime.SiloUnavailableException => true,
            Orleans.Runtime.OrleansMessageRejectionException => true,
            Orleans.Runtime.Messaging.ConnectionFailedException => true,
            Orleans.Runtime.GatewayTooBusyException => true,
            _ => e.InnerException is { } inner && IsTransient(inner),
        };
}
