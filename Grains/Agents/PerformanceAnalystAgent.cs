using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Orleans.Betting.Agents;

/// <summary>PerformanceAnalyst: settles paper bets as results arrive on the clock and keeps the track record (ROI, CLV, drawdown).</summary>
public sealed class PerformanceAnalystAgent(
    [PersistentState("agent", StorageNames.Betting)] IPersistentState<AgentRecord<PerformanceMemory>> record,
    IGrainFactory grains,
    IConfiguration configuration,
    ILogger<PerformanceAnalystAgent> logger) : AgentGrain<PerformanceMemory>(record, configuration, logger), IPerformanceAnalystAgent
{
    protected override AgentRole Role => AgentRole.Specialist;

    protected override double DefaultTickSeconds => 5;

    protected override IReadOnlyList<string> Tools { get; } = ["ledger.settle", "ledger.read", "ledger.report", "clock.read"];

    protected override Task TickAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override IReadOnlyDictionary<string, string> DescribeMemory() => Memory.Last is { } last
        ? new Dictionary<string, string>
        {
            ["settled"] = last.Settled.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["roi"] = last.Roi.ToString("P2", System.Globalization.CultureInfo.InvariantCulture),
            ["meanClv"] = last.MeanClv?.ToString("P2", System.Globalization.CultureInfo.InvariantCulture) ?? "-",
        }
        : new Dictionary<string, string>();

    public async Task<PerformanceSummary> SettleAsync(DateTime clockUtc)
    {
        EnsureRunning();
        var ledger = grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper);
        var settled = await UseToolAsync("ledger.settle", () => ledger.SettleAsync(clockUtc));
        var report = await UseToolAsync("ledger.read", () => ledger.GetReportAsync());
        Memory.Last = new PerformanceSummary(report.Settled, report.Profit, report.Roi, report.MeanClv, report.MaxDrawdown, settled.StillOpen);
        await SaveAsync();
        return Memory.Last;
    }
}

[GenerateSerializer]
public sealed class PerformanceMemory
{
    [Id(0)] public PerformanceSummary? Last { get; set; }
}
