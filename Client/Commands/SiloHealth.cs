namespace Orleans.Betting.Client.Commands;

public sealed record SiloHealth(
    int Activations,
    int RecentlyUsedActivations,
    float? CpuUsage,
    long? MemoryUsageBytes,
    bool IsOverloaded,
    long Clients
);
