using Orleans.Betting.Agents;
using Orleans.Betting.Agents.Views;

namespace Orleans.Betting.Tests.Agents;

/// <summary>An agent's status carries its memory as a typed record; the text people read is made from it.</summary>
public sealed class AgentMemoryViewTests
{
    private static AgentStatus StatusOf(AgentMemoryView view) =>
        new("orchestrator", AgentRole.Orchestrator, AgentState.Running, null, 3, null, null, null, [], [], 0, view);

    [Fact]
    public void TheOrchestratorsFieldsAreTypedAndTheirTextIsWhatTheClientShows()
    {
        var view = new OrchestratorView(
            Cycle: 12,
            NextWindowUtc: new DateTime(2026, 3, 1, 15, 0, 0, DateTimeKind.Utc),
            Deployed: 4,
            BetsPlaced: 31,
            Vetoes: 2,
            Arms: "generate 3/5, evolve 1/2",
            FitTrials: 640,
            SharpeVariance: 0.0123456,
            TestPeriodsOpened: new Dictionary<string, int> { ["2019-2020,2020-2021"] = 2 },
            Finished: false,
            IsLive: true,
            Live: new LiveTradingView(["soccer_epl", "soccer_germany_bundesliga"], 9, 7, 1, 1, null),
            MarketTimeUtc: new DateTime(2026, 3, 1, 14, 30, 0, DateTimeKind.Utc),
            LastReport: "cycle 12: 7 bets"
        );
        var status = StatusOf(view);

        Assert.Equal(12, status.MemoryAs<OrchestratorView>().Cycle);
        Assert.Equal("12", status.Memory["cycle"]);
        Assert.Equal("2026-03-01 15:00:00Z", status.Memory["nextWindowUtc"]);
        Assert.Equal("640 fit trials, Sharpe variance 0.0123", status.Memory["trialLedger"]);
        Assert.Equal("2019-2020,2020-2021 (cycle 2)", status.Memory["testPeriodsOpened"]);
        Assert.Equal(("no", "live"), (status.Memory["finished"], status.Memory["mode"]));
        Assert.Equal("soccer_epl,soccer_germany_bundesliga: 9 decisions, 7 bets placed, 1 refused, 1 voided", status.Memory["live"]);
        Assert.Equal("soccer_epl,soccer_germany_bundesliga", status.Memory["sports"]);
        Assert.Equal("degraded: no key", (view.Live! with { Degraded = "no key" }).Describe());

        // A replay: no live fields, said as "-".
        var replay = StatusOf(view with { IsLive = false, Live = null, MarketTimeUtc = null });
        Assert.Equal(
            ("replay", "-", "-", "-"),
            (replay.Memory["mode"], replay.Memory["live"], replay.Memory["sports"], replay.Memory["marketTime"])
        );

        // Asking for another agent's record is an error naming both.
        var wrong = Assert.Throws<InvalidOperationException>(() => status.MemoryAs<NotificationView>());
        Assert.Contains("OrchestratorView, not NotificationView", wrong.Message);
    }

    [Fact]
    public void APerformanceAnalystBeforeItsFirstSettlementShowsNothing()
    {
        Assert.Empty(new PerformanceView(null, null, null).Fields());
        Assert.Equal(
            ["settled 40", "roi 3.25 %", "meanClv -"],
            new PerformanceView(40, 0.0325, null).Fields().Select(f => $"{f.Key} {f.Value}")
        );
    }
}
