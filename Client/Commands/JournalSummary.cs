using Orleans.Betting.Cluster;

namespace Orleans.Betting.Client.Commands;

public sealed record JournalSummary(int TotalStarts, DateTime? FirstStartUtc, SiloStart? LastStart);
