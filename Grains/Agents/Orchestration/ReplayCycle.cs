using System.Globalization;
using Orleans.Betting.Agents.Bus;
using Orleans.Betting.Clock;

namespace Orleans.Betting.Agents.Orchestration;

/// <summary>
/// A replay: the cycle on the market clock, one window (a week by default) at a time — ingest → settlement
/// (results known by the window's start) → retirement → quality → the search decisions → search → human
/// review and deployment → consensus → risk → paper bets → report. The clock is held at each window's start
/// until its cycle is done: only data known then is used.
/// </summary>
public sealed class ReplayCycle(
    IAgentHands<OrchestratorMemory> hands,
    OrchestratorSettings settings,
    StrategySearch search,
    PaperTrading trading
) : OrchestratorJob(hands, settings)
{
    internal async Task TickAsync()
    {
        if (Memory.Finished)
        {
            return;
        }

        if (!await RunStepAsync("prepare", PrepareAsync))
        {
            return;
        }

        var clock = await UseToolAsync(ToolNames.ClockRead, () => grains.GetGrain<IMarketClockGrain>(IMarketClockGrain.Key).GetAsync());
        var windowStart = Memory.NextWindowUtc!.Value;
        if (windowStart >= Memory.MarketEndUtc)
        {
            await UseToolAsync(ToolNames.ClockConfigure, () => grains.GetGrain<IMarketClockGrain>(IMarketClockGrain.Key).HoldAtAsync(null));
            await trading.SettleAsync(Memory.MarketEndUtc);
            Memory.Finished = true;
            Memory.LastReport = $"replay finished after {Memory.Cycle} cycles: {Memory.LastReport}";
            await SaveAsync();
            return;
        }

        if (clock.HoldUtc != windowStart)
        {
            // Virtual time: the clock stops at this window's start until its cycle is done (set again
            // each tick, so a crash between a cycle's end and the hold's move cannot stall the replay).
            clock = await UseToolAsync(
                ToolNames.ClockConfigure,
                () => grains.GetGrain<IMarketClockGrain>(IMarketClockGrain.Key).HoldAtAsync(windowStart)
            );
        }

        if (clock.NowUtc < windowStart)
        {
            return; // the market has not reached the next window yet
        }

        var cycle = Memory.Cycle + 1;
        var work = Memory.Current ??= new CycleWork { Cycle = cycle, WindowStartUtc = windowStart };
        var p = $"c{cycle}:";
        // Settlement first, up to the window's start only: the bankroll the stakes are sized from
        // is then the same on every run (results known at decision time), whatever the real timing.
        var done =
            await RunStepAsync(p + "ingest", () => IngestAsync(work))
            && await RunStepAsync(p + "settle", () => trading.SettleOnBusAsync(work, windowStart))
            && await RunStepAsync(p + "retire", () => trading.RetireAsync(work))
            && await RunStepAsync(p + "quality", () => search.QualityAsync(work))
            && await RunStepAsync(p + "decide", () => search.DecideSearchAsync(work, clock))
            && await RunStepAsync(p + "search", () => search.SearchAsync(work))
            && await RunStepAsync(p + "review", () => search.ReviewAndDeployAsync(work))
            && await RunStepAsync(p + "consensus", () => trading.ConsensusAsync(work))
            && await RunStepAsync(p + "risk", () => trading.RiskAsync(work))
            && await RunStepAsync(p + "bets", () => trading.PlaceAsync(work));
        if (!done)
        {
            await SaveAsync();
            return;
        }

        Memory.History.Add(
            new CycleSummary(
                cycle,
                windowStart,
                work.Arm,
                work.Candidates,
                work.Deployed.Count,
                work.Picks.Count,
                work.Placed ?? 0,
                work.VetoCount
            )
        );
        Memory.LastReport =
            $"cycle {cycle} ({windowStart:yyyy-MM-dd}): {work.Candidates} candidates, {work.Deployed.Count} deployed, "
            + $"{work.Picks.Count} picks, {work.Placed ?? 0} bets placed, {work.VetoCount} vetoed";
        Memory.Cycle = cycle;
        Memory.NextWindowUtc = windowStart + Window;
        Memory.Current = null;
        await SaveAsync();
        await BroadcastAsync(AgentBus.CycleTopic, new CycleCompleted(Memory.LastReport));
    }

    private async Task<bool> PrepareAsync()
    {
        var settings = marketOptions.Value.ToSettings();
        var layout = await UseToolAsync(ToolNames.DataPrepare, () => Data.PrepareMarketAsync(settings));
        if (layout.Seasons.Count < 4)
        {
            throw new InvalidOperationException(
                $"the market ({layout.Description}) has {layout.Seasons.Count} seasons with matches: the agents need at least 4 (3 to learn from, 1 to trade)"
            );
        }

        var learn = Math.Clamp(Settings.LearningSeasons ?? layout.Seasons.Count - 2, 3, layout.Seasons.Count - 1);
        var start = layout.Seasons[learn].FirstKickoffUtc.Date;
        var end = layout.Seasons[^1].LastKickoffUtc.Date.AddDays(1);
        var speed = clockOptions.Value.Speed;
        await UseToolAsync(
            ToolNames.ClockConfigure,
            () => grains.GetGrain<IMarketClockGrain>(IMarketClockGrain.Key).ConfigureAsync(start, end.AddDays(1), speed, layout.Description)
        );
        Memory.Layout = layout;
        Memory.NextWindowUtc = start;
        Memory.MarketEndUtc = end;
        Hands.Decide(
            0,
            DecisionKind.Market,
            layout.Description,
            ["synthetic", "import"],
            new Dictionary<string, string>
            {
                ["seasons"] = string.Join(",", layout.Seasons.Select(s => s.Season)),
                ["tradingFrom"] = start.ToString("u", CultureInfo.InvariantCulture),
                ["speed"] = speed.ToString(CultureInfo.InvariantCulture),
            },
            [
                $"learn from {learn} season(s), trade from {layout.Seasons[learn].Season} on paper",
                .. layout.QualityIssues.Select(i => $"quality: {i}"),
            ]
        );
        return true;
    }

    private async Task<bool> IngestAsync(CycleWork work)
    {
        // Replay: the market data is all present; what matters is what the clock lets us see.
        var layout = await UseToolAsync(ToolNames.DataPrepare, () => Data.PrepareMarketAsync(marketOptions.Value.ToSettings()));
        work.QualityIssues = layout.QualityIssues.ToList();
        return true;
    }
}
