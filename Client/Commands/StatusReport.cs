using System.CommandLine;
using Orleans.Betting.Client.Infrastructure;
using Orleans.Betting.Cluster;
using Orleans.Runtime;
using Spectre.Console;

namespace Orleans.Betting.Client.Commands;

public sealed record StatusReport(
    string ClusterId,
    IReadOnlyList<MemberStatus> Members,
    IReadOnlyList<GrainTypeActivations> GrainTypes,
    JournalSummary Journal,
    IReadOnlyList<ApiStatus> Apis
);
