using System.CommandLine;
using Orleans.Betting.Client.Infrastructure;
using Orleans.Betting.Cluster;
using Orleans.Runtime;
using Spectre.Console;

namespace Orleans.Betting.Client.Commands;

public sealed record JournalSummary(int TotalStarts, DateTime? FirstStartUtc, SiloStart? LastStart);
