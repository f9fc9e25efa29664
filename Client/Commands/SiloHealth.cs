using System.CommandLine;
using Orleans.Betting.Client.Infrastructure;
using Orleans.Betting.Cluster;
using Orleans.Runtime;
using Spectre.Console;

namespace Orleans.Betting.Client.Commands;

public sealed record SiloHealth(
    int Activations,
    int RecentlyUsedActivations,
    float? CpuUsage,
    long? MemoryUsageBytes,
    bool IsOverloaded,
    long Clients
);
