using Orleans.Concurrency;

namespace Orleans.Betting.Health;

/// <summary>Receives the stream provider's probe messages (key: the probing silo), so a check can see a publish arrive.</summary>
public interface IStreamProbeGrain : IGrainWithStringKey
{
    /// <summary>Subscribes (once) to the probe stream of this key.</summary>
    Task EnsureSubscribedAsync();

    [AlwaysInterleave]
    [ClientReadable]
    Task<string?> LastReceivedAsync();
}
