using Orleans.Betting.Agents;
using Orleans.Concurrency;
using Orleans.Streams;

namespace Orleans.Betting.Health;

/// <summary>The receiving end of the stream provider's probe: remembers the last message that arrived on its stream.</summary>
[Reentrant]
public sealed class StreamProbeGrain : Grain, IStreamProbeGrain
{
    private string? last;
    private bool subscribed;

    public async Task EnsureSubscribedAsync()
    {
        if (subscribed)
        {
            return;
        }

        var stream = this.GetStreamProvider(Agents.AgentBus.Provider)
            .GetStream<string>(StreamId.Create(HealthStreams.ProbeNamespace, this.GetPrimaryKeyString()));
        await stream.SubscribeOrResumeAsync(OnProbeAsync);
        subscribed = true;
    }

    public Task<string?> LastReceivedAsync() => Task.FromResult(last);

    private Task OnProbeAsync(string message, StreamSequenceToken? token)
    {
        last = message;
        return Task.CompletedTask;
    }
}
