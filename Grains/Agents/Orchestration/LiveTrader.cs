using System.Globalization;
using Orleans.Betting.Agents.Bus;
using Orleans.Betting.Agents.Decisions;
using Orleans.Betting.Clock;
using Orleans.Betting.Ledger;
using Orleans.Betting.Market;
using Orleans.Betting.Market.Identity;
using Orleans.Betting.Swarms;

namespace Orleans.Betting.Agents.Orchestration;

/// <summary>
/// Live: the cycle on the market's own time, forever. Settlement from the scores endpoint, a search
/// cycle per window on a rolling history (imported or synthetic seasons plus the live seasons that
/// completed), and a vote on every event when one of its decision leads comes, on the latest prices,
/// placed at a named bookmaker's current quote.
/// </summary>
public sealed class LiveTrader(
    IAgentHands<OrchestratorMemory> hands,
    OrchestratorSettings settings,
    LiveHistory history,
    StrategySearch search,
    PaperTrading trading
) : OrchestratorJob(hands, settings)
{
    internal async Task TickAsync(CancellationToken cancellationToken)
    {
        if (!await RunStepAsync("prepare-live", history.PrepareAsync))
        {
            return;
        }

        var live = Memory.Live!;
        var now = MarketUtcNow;
        var changed = await LiveSettleAsync(live, now, cancellationToken);

        // A search cycle per window, on the history known at its start (the live seasons that completed join it).
        // (A search still running does not hold trading up: the strategies deployed so far keep voting.)
        if (Memory.NextWindowUtc is { } windowStart && now >= windowStart)
        {
            await LiveCycleAsync(windowStart, now);
            changed = true;
        }

        changed |= await LiveTradeAsync(live, now);
        if (changed)
        {
            await SaveAsync();
        }
    }

    /// <summary>Trades now what is due (the agent checked it is running).</summary>
    internal async Task<int> TradeNowAsync()
    {
        if (!marketOptions.Value.IsLive || Memory.Live is not { } live || live.Sports.Count == 0)
        {
            throw new InvalidOperationException(
                "the orchestrator is not trading a live market yet (Betting:Market:Source=live, history prepared)"
            );
        }

        var before = live.BetsPlaced;
        if (await LiveTradeAsync(live, MarketUtcNow))
        {
            await SaveAsync();
        }

        return (int)(live.BetsPlaced - before);
    }

    /// <summary>Closes, results and voids from the live store (at most once per settle period), then the ledger settles.</summary>
    private async Task<bool> LiveSettleAsync(LiveTrading live, DateTime now, CancellationToken cancellationToken)
    {
        if (live.LastSettleUtc is { } last && now - last < TimeSpan.FromMinutes(liveOddsOptions.Value.SettleEveryMinutes))
        {
            // "No prices yet" is looked at again every tick: it ends with the first poll, not at the next settlement
            // (an hour away on the wall clock).
            if (live.Degraded?.StartsWith(NoPricesYet, StringComparison.Ordinal) == true)
            {
                var degraded = await DegradedAsync(live);
                if (degraded != live.Degraded)
                {
                    live.Degraded = degraded;
                    return true;
                }
            }

            return false;
        }

        var voids = new List<LiveVoid>();
        var problems = new List<string>();
        foreach (var sport in live.Sports)
        {
            var report = await UseToolAsync(
                ToolNames.LiveSettle,
                () => grains.GetGrain<ILiveMarketGrain>(sport).SettleAsync(now, cancellationToken)
            );
            voids.AddRange(report.Voided);
            if (report.ScoresError is { } error)
            {
                problems.Add($"{sport}: scores unavailable ({error}); bets stay open");
            }
        }

        if (voids.Count > 0)
        {
            var n = await UseToolAsync(ToolNames.LedgerVoid, () => grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper).VoidAsync(voids, now));
            live.Voided += n;
            Hands.Decide(
                Memory.Cycle,
                DecisionKind.LiveVoid,
                $"{n} bet(s) voided",
                [],
                new Dictionary<string, string> { ["events"] = voids.Count.ToString(CultureInfo.InvariantCulture) },
                voids.Take(10).Select(v => $"{v.MatchId}: {v.Reason}").ToList()
            );
        }

        await trading.SettleAsync(now);
        live.LastSettleUtc = now;
        live.Degraded = await DegradedAsync(live) ?? (problems.Count > 0 ? string.Join("; ", problems) : null);

        return true;
    }

    private const string NoPricesYet = "no live prices yet: ";

    /// <summary>Nothing can be traded without prices: says what is missing (no key, an API down) instead of idling silently.</summary>
    private async Task<string?> DegradedAsync(LiveTrading live)
    {
        if (live.Sports.Count == 0)
        {
            return live.Degraded;
        }

        var statuses = await Task.WhenAll(
            live.Sports.Select(s => UseToolAsync(ToolNames.LiveStatus, () => grains.GetGrain<ILiveMarketGrain>(s).GetStatusAsync()))
        );
        if (statuses.Any(s => s.Polls > 0))
        {
            return null;
        }

        var boards = await Task.WhenAll(
            live.Sports.Select(s => UseToolAsync(ToolNames.OddsBoard, () => grains.GetGrain<ILiveOddsGrain>(s).GetBoardAsync()))
        );
        return NoPricesYet
            + string.Join(
                "; ",
                boards.Select(b =>
                    $"{b.Sport}: {b.LastError ?? (b.Polling is null ? "not polled (Betting:LiveOdds:Sports)" : "waiting for the first poll")}"
                )
            );
    }

    /// <summary>One search cycle (decisions 1–5) on the rolling history known at the window's start.</summary>
    private async Task<bool> LiveCycleAsync(DateTime windowStart, DateTime now)
    {
        var cycle = Memory.Cycle + 1;
        var work = Memory.Current ??= new CycleWork { Cycle = cycle, WindowStartUtc = windowStart };
        var p = $"L{cycle}:";
        var clock = new ClockStatus(now, MarketClock.Speed, false, windowStart, null, "Live", "live");
        var done =
            await RunStepAsync(p + "layout", () => history.UpdateAsync(work))
            && await RunStepAsync(p + "retire", () => trading.RetireAsync(work))
            && await RunStepAsync(p + "quality", () => search.QualityAsync(work))
            && await RunStepAsync(p + "decide", () => search.DecideSearchAsync(work, clock))
            && await RunStepAsync(p + "search", () => search.SearchAsync(work))
            && await RunStepAsync(p + "review", () => search.ReviewAndDeployAsync(work));
        if (!done)
        {
            return false;
        }

        Memory.History.Add(new CycleSummary(cycle, windowStart, work.Arm, work.Candidates, work.Deployed.Count, 0, 0, 0));
        if (Memory.History.Count > 200)
        {
            Memory.History.RemoveRange(0, Memory.History.Count - 200);
        }

        var live = Memory.Live!;
        Memory.LastReport =
            $"live cycle {cycle} ({windowStart:yyyy-MM-dd}): {work.Candidates} candidates, {work.Deployed.Count} deployed; "
            + $"{live.BetsPlaced} bets placed so far, {live.Refused} refused, {live.Voided} voided";
        Memory.Cycle = cycle;
        // After downtime, the next window is the next one after now (no burst of catch-up cycles).
        var next = windowStart + Window;
        while (next <= now)
        {
            next += Window;
        }

        Memory.NextWindowUtc = next;
        Memory.Current = null;
        await SaveAsync();
        await BroadcastAsync(AgentBus.CycleTopic, new CycleCompleted(Memory.LastReport));
        return true;
    }

    /// <summary>Decides the events whose lead has come, votes on them with the latest prices, and places what passes risk at a named bookmaker's quote.</summary>
    private async Task<bool> LiveTradeAsync(LiveTrading live, DateTime now)
    {
        var taken = new List<(string Sport, IReadOnlyList<LiveDecision> Due)>();
        foreach (var sport in live.Sports)
        {
            var batch = await UseToolAsync(ToolNames.LiveDecide, () => grains.GetGrain<ILiveMarketGrain>(sport).DecideAsync(now));
            var fresh = batch.Due.Where(d => live.Pending.All(p => p.MatchId != d.MatchId || p.DecisionUtc != d.DecisionUtc)).ToList();
            live.Pending.AddRange(fresh);
            live.Decisions += fresh.Count; // a decision handed out again (not acknowledged) is counted once
            if (batch.Due.Count > 0)
            {
                taken.Add((sport, batch.Due));
            }
        }

        if (live.Pending.Count == 0)
        {
            return false;
        }

        await SaveAsync(); // taken decisions survive a crash: a restart votes on them while still before kick-off
        foreach (var (sport, due) in taken)
        {
            // Saved: the market need not hand them out again (until this, a crash here loses none).
            await UseToolAsync(ToolNames.LiveDecide, () => grains.GetGrain<ILiveMarketGrain>(sport).AcknowledgeAsync(due));
        }
        var missed = live.Pending.Where(p => p.CommenceUtc <= now).ToList();
        var pending = live.Pending.Where(p => p.CommenceUtc > now).ToList();
        var deployed = await UseToolAsync(
            ToolNames.RegistryRead,
            () => grains.GetGrain<IStrategyRegistryGrain>(IStrategyRegistryGrain.Key).ListAsync()
        );
        var bets = new List<PaperBet>();
        var refusals = new List<string>();
        var board = new List<BoardPick>();
        var picks = new List<Pick>();
        var placedRejections = new List<string>();
        BoardPick Refused(Pick pick, string why) =>
            new(pick, pending.First(p => p.MatchId == pick.MatchId).League, now, BoardPick.Refused, why);
        var steamRefused = 0;
        if (deployed.Count > 0 && pending.Count > 0)
        {
            var ledger = await UseToolAsync(
                ToolNames.LedgerReport,
                () => grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper).GetReportAsync()
            );
            var catalog = await UseToolAsync(
                ToolNames.CatalogList,
                () => grains.GetGrain<IMarketCatalogGrain>(IMarketCatalogGrain.Key).ListAsync()
            );
            var horizon = (int)Math.Ceiling(liveOddsOptions.Value.DecisionLeads[0].TotalDays) + 1;
            foreach (var league in pending.Select(p => p.League).Distinct())
            {
                var ids = pending.Where(p => p.League == league).Select(p => p.MatchId).ToHashSet(StringComparer.Ordinal);
                var seasons = catalog
                    .Where(s => s.League == league && s.Matches > 0 && s.FirstKickoffUtc <= now.AddDays(horizon))
                    .Select(s => s.Season)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                var result = await UseToolAsync(
                    ToolNames.ConsensusVote,
                    () =>
                        grains
                            .GetGrain<IConsensusSwarmGrain>($"live-{league}-{now:yyyyMMddHHmmss}")
                            .RunAsync(
                                new ConsensusRequest(
                                    deployed.Select(d => d.Id).ToList(),
                                    [league],
                                    seasons,
                                    now,
                                    horizon,
                                    ConsensusRule.Weighted,
                                    0.5,
                                    Settings.VoteDeadlineMs,
                                    ledger.Bankroll,
                                    ledger.OpenStake,
                                    FreshData: true,
                                    Deliberate: Settings.Deliberate,
                                    Deference: Settings.Deference
                                )
                            )
                );
                picks.AddRange(result.Picks.Where(p => ids.Contains(p.MatchId) && p.Stake > 0));
                if (Settings.Deliberate)
                {
                    PaperTrading.LogDeliberation(
                        Hands,
                        Memory.Cycle,
                        result.Revisions ?? [],
                        result.SilentInSecondRound ?? [],
                        result.Picks.Count
                    );
                }
            }

            // One bet per match and outcome, ever: a later decision lead never bets the same outcome twice.
            var proposed = picks.Select(p => PaperTrading.ToBet(p, now, Memory.Cycle, "live")).ToList();
            var accepted =
                proposed.Count == 0
                    ? []
                    : (
                        await UseToolAsync(
                            ToolNames.RiskSize,
                            () => grains.GetGrain<IRiskManagementAgent>(AgentNames.RiskManagement).SizeAsync(proposed)
                        )
                    ).Accepted;
            // MarketIntelligence's input: a pick the sharp money has lately moved against is not placed.
            var steam =
                accepted.Count == 0
                    ? []
                    : await UseToolAsync(
                        ToolNames.SteamRead,
                        () => grains.GetGrain<IMarketIntelligenceAgent>(AgentNames.MarketIntelligence).SteamSignalsAsync()
                    );
            foreach (var pick in picks.Where(p => !accepted.Any(b => b.MatchId == p.MatchId && b.Selection == p.Selection)))
            {
                board.Add(Refused(pick, "not sized: RiskManagement vetoed it or the portfolio had no room"));
            }

            foreach (var bet in accepted)
            {
                var pick = picks.First(p => p.MatchId == bet.MatchId && p.Selection == bet.Selection);
                var decision = pending.First(p => p.MatchId == bet.MatchId);
                if (SteamCheck.Against(pick.Selection, steam.Where(x => x.EventId == decision.EventId), MarketUtcNow) is { } steamAgainst)
                {
                    refusals.Add($"{bet.MatchId}: {steamAgainst}");
                    board.Add(Refused(pick, steamAgainst));
                    steamRefused++;
                    continue;
                }

                var sport = SportLeagues.TrySport(decision.League, out var s) ? s : "";
                var offer = await UseToolAsync(
                    ToolNames.LiveOffer,
                    () => grains.GetGrain<ILiveMarketGrain>(sport).OfferAsync(bet.MatchId, pick.Source.Value, pick.Selection, MarketUtcNow)
                );
                if (offer.Quote is not { } quote)
                {
                    refusals.Add($"{bet.MatchId} {pick.Selection}: {offer.Refusal}");
                    board.Add(Refused(pick, offer.Refusal ?? "no offer"));
                    continue;
                }

                // Placed when the offer is in hand, not at the tick's start: polls go on meanwhile, and a quote
                // observed since must never look newer than the bet placed at it.
                var placedUtc = MarketUtcNow;
                if (placedUtc >= decision.CommenceUtc)
                {
                    refusals.Add(
                        $"{bet.MatchId} {pick.Selection}: kicked off at {decision.CommenceUtc:u} while being placed: no bet after commence"
                    );
                    board.Add(Refused(pick, "kicked off while being placed"));
                    continue;
                }

                if (pick.Probability * quote.Price - 1 <= 0)
                {
                    refusals.Add(
                        $"{bet.MatchId} {pick.Selection}: {quote.Bookmaker} now offers {quote.Price}, no edge left at the model's {pick.Probability:P1}"
                    );
                    board.Add(Refused(pick, $"{quote.Bookmaker} now offers {quote.Price}: no edge left"));
                    continue;
                }

                bets.Add(
                    bet with
                    {
                        Price = quote.Price,
                        Bookmaker = quote.Bookmaker,
                        QuoteUtc = quote.AtUtc,
                        PlacedUtc = placedUtc,
                        KickoffUtc = decision.CommenceUtc,
                    }
                );
            }
        }

        // What the decision says was placed is what the ledger took: a bet it already holds is not placed again.
        var placedCount = 0;
        var alreadyHeld = 0;
        if (bets.Count > 0)
        {
            var placed = await UseToolAsync(
                ToolNames.LedgerPlace,
                () => grains.GetGrain<ILedgerGrain>(ILedgerGrain.Paper).PlaceAsync(bets)
            );
            (placedCount, alreadyHeld) = (placed.Placed, placed.AlreadyPlaced);
            live.BetsPlaced += placed.Placed;
            Memory.BetsPlaced += placed.Placed;
            refusals.AddRange(placed.Rejected);
            placedRejections.AddRange(placed.Rejected);
        }

        foreach (var bet in bets)
        {
            var pick = picks.First(p => p.MatchId == bet.MatchId && p.Selection == bet.Selection);
            board.Add(
                placedRejections.FirstOrDefault(r => r.StartsWith(bet.Id, StringComparison.Ordinal)) is { } rejected
                    ? Refused(pick, rejected)
                    : new BoardPick(pick, bet.League, now, BoardPick.Placed, null, bet.Id, bet.Price, bet.Bookmaker, bet.Stake)
            );
        }

        live.Refused += refusals.Count;
        if (bets.Count > 0 || refusals.Count > 0 || missed.Count > 0)
        {
            Hands.Decide(
                Memory.Cycle,
                DecisionKind.LiveTrade,
                $"{pending.Count} event(s) decided, {placedCount} bet(s) placed, {alreadyHeld} already held, {refusals.Count} refused",
                ["bet", "refuse"],
                new Dictionary<string, string>
                {
                    ["marketTime"] = now.ToString("u", CultureInfo.InvariantCulture),
                    ["deployed"] = deployed.Count.ToString(CultureInfo.InvariantCulture),
                    ["missed"] = missed.Count.ToString(CultureInfo.InvariantCulture),
                    ["placed"] = placedCount.ToString(CultureInfo.InvariantCulture),
                    ["alreadyHeld"] = alreadyHeld.ToString(CultureInfo.InvariantCulture),
                    ["steamAgainst"] = steamRefused.ToString(CultureInfo.InvariantCulture),
                },
                [
                    .. bets.Take(10)
                        .Select(b => $"{b.MatchId} {b.Selection} @ {b.Price} at {b.Bookmaker} (quoted {b.QuoteUtc:u}), stake {b.Stake}"),
                    .. refusals.Take(10),
                    .. missed.Take(5).Select(m => $"{m.MatchId}: kicked off before its vote"),
                ]
            );
        }

        // Recorded and told after the decision is logged: whoever reads the board or the notification finds it there.
        if (board.Count > 0)
        {
            await UseToolAsync(ToolNames.PicksRecord, () => grains.GetGrain<IPicksBoardGrain>(IPicksBoardGrain.Agents).RecordAsync(board));
        }
        if (
            placedCount > 0
            && TradeNotices.Placed(
                bets.Where(b => !placedRejections.Any(r => r.StartsWith(b.Id, StringComparison.Ordinal))).ToList(),
                AgentNames.Orchestrator
            )
                is { } notice
        )
        {
            await Hands.AlertAsync(notice);
        }

        live.Pending.Clear();
        live.LastTradeUtc = now;
        return true;
    }
}
