using Orleans.Streams;

namespace Orleans.Betting.Agents;

public static class StreamSubscriptions
{
    /// <summary>Explicit subscriptions are persisted by the stream provider: resume the ones this grain has, or make one.</summary>
    public static async Task SubscribeOrResumeAsync<T>(this IAsyncStream<T> stream, Func<T, StreamSequenceToken?, Task> onNext)
    {
        var handles = await stream.GetAllSubscriptionHandles();
        if (handles.Count == 0)
        {
            await stream.SubscribeAsync(onNext);
            return;
        }

        foreach (var handle in handles)
        {
            await handle.ResumeAsync(onNext);
        }
    }
}
