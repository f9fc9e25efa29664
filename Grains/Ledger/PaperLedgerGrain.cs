using Orleans.Betting.Market;
using Orleans.Betting.Storage;

namespace Orleans.Betting.Ledger;

/// <summary>
/// The paper ledger: bets placed at the price of their decision time (never after kick-off, never
/// beyond the free bankroll, never twice), settled from the market's results once the match is
/// over on the clock, with closing-line value against the closing line (Pinnacle's closing price,
/// else the same source's); bankroll and equity path persisted. Settled bets leave the record in
/// sealed pages of <see cref="PageSize"/> (<see cref="ILedgerPageGrain"/>) with running totals
/// kept here, so the record a change rewrites stays the size of the open book, not the history.
/// </summary>
public sealed class PaperLedgerGrain(
    [PersistentState("ledger", StorageNames.Betting)] IPersistentState<LedgerState> state,
    IGrainFactory grains,
    TimeProvider time
) : Grain, ILedgerGrain
{
    public const double DefaultBankroll = 1000;

    /// <summary>Settled bets per sealed page.</summary>
    public const int PageSize = 256;

    private readonly Dictionary<int, LedgerPage> pages = []; // sealed pages never change: read once

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var s = state.State;
        if (s.Started && !s.DrawdownTracked)
        {
            // A record of an earlier version holds its whole equity path: the running peak starts from it.
            s.Worst = Drawdown.MaxShare(s.InitialBankroll, s.Equity);
            s.Peak = Math.Max(s.InitialBankroll, s.Equity.Count > 0 ? s.Equity.Max(p => p.Bankroll) : s.InitialBankroll);
            s.DrawdownTracked = true;
        }

        return Task.CompletedTask;
    }

    /// <summary>A match is over (settleable) this long after kick-off on the clock.</summary>
    public static readonly TimeSpan MatchLength = TimeSpan.FromHours(2);

    public async Task<PlaceResult> PlaceAsync(IReadOnlyList<PaperBet> bets)
    {
        var s = state.State;
        EnsureStarted(s, bets.Count > 0 ? bets.Min(b => b.PlacedUtc) : time.GetUtcNow().UtcDateTime);
        int placed = 0,
            already = 0;
        var rejected = new List<string>();
        foreach (var bet in bets)
        {
            if (s.Bets.ContainsKey(bet.Id) || await IsSealedAsync(bet))
            {
                already++;
                continue;
            }

            var free = s.Bankroll - OpenStake(s);
            var problem = bet switch
            {
                { Stake: <= 0 } or { Stake: double.NaN } => $"stake {bet.Stake}",
                { Price: <= 1 } => $"price {bet.Price}",
                _ when bet.PlacedUtc > bet.KickoffUtc => $"placed at {bet.PlacedUtc:u}, after kick-off {bet.KickoffUtc:u}",
                _ when bet.Stake > free + 1e-9 => $"stake {bet.Stake:F2} exceeds the free bankroll {free:F2}",
                { Selection: null } => "no selection: a bet names the market, side and line it backs",
                _ => null,
            };
            if (problem is not null)
            {
                rejected.Add($"{bet.Id}: {problem}");
                continue;
            }

            s.Bets[bet.Id] = bet with
            {
                Status = BetStatus.Open,
                Profit = 0,
                ClosingPrice = null,
                ClosingFairProbability = null,
                SettledUtc = null,
            };
            placed++;
        }

        if (placed > 0)
        {
            await PersistAsync();
            Monitoring.BettingMetrics.BetsPlaced.Add(placed);
        }

        return new PlaceResult(placed, already, rejected);
    }

    public async Task<SettleResult> SettleAsync(DateTime clockUtc)
    {
        var s = state.State;
        var due = s.Bets.Values.Where(b => b.Status == BetStatus.Open && b.KickoffUtc + MatchLength <= clockUtc).ToList();
        if (due.Count == 0)
        {
            return new SettleResult(0, 0, s.Bets.Values.Count(b => b.Status == BetStatus.Open));
        }

        var matches = new Dictionary<string, MatchRecord>(StringComparer.Ordinal);
        foreach (var key in due.Select(b => new LeagueSeasonKey(b.League, b.Season).ToString()).Distinct())
        {
            foreach (var m in (await grains.GetGrain<ILeagueSeasonGrain>(key).GetAsync()).Matches)
            {
                matches[m.Id] = m;
            }
        }

        var settled = 0;
        var profit = 0.0;
        foreach (var bet in due.OrderBy(b => b.KickoffUtc))
        {
            if (!matches.TryGetValue(bet.MatchId, out var match) || match.Result is null)
            {
                continue; // no result yet: stays open
            }

            var result = BetSettlement.Settle(bet, match, clockUtc);
            s.Bets[bet.Id] = result;
            s.Bankroll += result.Profit;
            AddEquity(s, new BankrollPoint(bet.KickoffUtc + MatchLength, s.Bankroll));
            profit += result.Profit;
            settled++;
        }

        if (settled > 0)
        {
            await PersistAsync();
            Monitoring.BettingMetrics.BetsSettled.Add(settled);
            var report = Report([]);
            Monitoring.BettingMetrics.Set("bankroll", this.GetPrimaryKeyString(), report.Bankroll);
            Monitoring.BettingMetrics.Set("roi", this.GetPrimaryKeyString(), report.Roi);
            if (report.MeanClv is { } meanClv)
            {
                Monitoring.BettingMetrics.Set("mean_clv", this.GetPrimaryKeyString(), meanClv);
            }
        }

        return new SettleResult(settled, profit, s.Bets.Values.Count(b => b.Status == BetStatus.Open));
    }

    public async Task<int> VoidAsync(IReadOnlyList<LiveVoid> voids, DateTime clockUtc)
    {
        var s = state.State;
        var reasons = voids
            .GroupBy(v => v.MatchId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Reason, StringComparer.Ordinal);
        var voided = 0;
        foreach (var bet in s.Bets.Values.Where(b => b.Status == BetStatus.Open && reasons.ContainsKey(b.MatchId)).ToList())
        {
            s.Bets[bet.Id] = bet with { Status = BetStatus.Void, Profit = 0, SettledUtc = clockUtc, Note = reasons[bet.MatchId] };
            voided++;
        }

        if (voided > 0)
        {
            await PersistAsync();
            Monitoring.BettingMetrics.BetsSettled.Add(voided);
        }

        return voided;
    }

    public async Task<IReadOnlyList<PaperBet>> GetBetsAsync()
    {
        var sealedBets = (await SealedPagesAsync()).SelectMany(p => p.Bets);
        return sealedBets.Concat(state.State.Bets.Values).OrderBy(b => b.PlacedUtc).ThenBy(b => b.Id, StringComparer.Ordinal).ToList();
    }

    public async Task<LedgerReport> GetReportAsync()
    {
        var sealedPages = await SealedPagesAsync();
        return Report(sealedPages.SelectMany(p => p.Equity).ToList());
    }

    /// <summary>The figures from the running totals of sealed pages and the bets still here; <paramref name="sealedEquity"/> goes before the path kept here.</summary>
    private LedgerReport Report(List<BankrollPoint> sealedEquity)
    {
        var s = state.State;
        var initial = s.Started ? s.InitialBankroll : DefaultBankroll;
        var settled = s.Bets.Values.Where(b => b.Status != BetStatus.Open).ToList();
        var staked = s.Sealed.Staked + settled.Sum(b => b.Stake);
        var profit = s.Sealed.Profit + settled.Sum(b => b.Profit);
        var clv = settled.Select(b => b.Clv).OfType<double>().ToList();
        var clvCount = s.Sealed.ClvCount + clv.Count;
        var bySource = new Dictionary<string, double>(s.Sealed.ProfitBySource, StringComparer.Ordinal);
        foreach (var bet in settled)
        {
            bySource[bet.Source.Text] = bySource.GetValueOrDefault(bet.Source.Text) + bet.Profit;
        }

        sealedEquity.AddRange(s.Equity);
        return new LedgerReport(
            initial,
            s.Started ? s.Bankroll : initial,
            s.Sealed.Count + s.Bets.Count,
            s.Bets.Count - settled.Count,
            s.Sealed.Count + settled.Count,
            staked,
            profit,
            staked > 0 ? profit / staked : 0,
            clvCount > 0 ? (s.Sealed.ClvSum + clv.Sum()) / clvCount : null,
            s.Worst,
            sealedEquity,
            bySource,
            OpenStake(s),
            s.Started ? Math.Max(s.Peak, s.Bankroll) : initial
        );
    }

    /// <summary>
    /// Writes the change: first any page of settled bets now full (with the equity points before the
    /// newest), then the record without them. A failed page write or record write leaves memory as
    /// storage has it, so a retry finds nothing half done and nothing is reported placed or settled
    /// that is not stored; a retried seal writes the same page number again.
    /// </summary>
    private async Task PersistAsync()
    {
        var s = state.State;
        try
        {
            var ledger = this.GetPrimaryKeyString();
            while (s.Bets.Values.Count(b => b.Status != BetStatus.Open) >= PageSize)
            {
                var bets = s
                    .Bets.Values.Where(b => b.Status != BetStatus.Open)
                    .OrderBy(b => b.SettledUtc)
                    .ThenBy(b => b.Id, StringComparer.Ordinal)
                    .Take(PageSize)
                    .ToArray();
                var equity = s.Equity.Take(Math.Max(0, s.Equity.Count - 1)).ToArray();
                var page = new LedgerPage(s.Pages.Count, bets, equity);
                await grains.GetGrain<ILedgerPageGrain>($"{ledger}/{page.Number}").WriteAsync(page);
                foreach (var bet in bets)
                {
                    s.Bets.Remove(bet.Id);
                    s.Sealed.Add(bet);
                }

                s.Equity.RemoveRange(0, equity.Length);
                s.Pages.Add(new LedgerPageInfo(page.Number, bets.Length, bets.Min(b => b.KickoffUtc), bets.Max(b => b.KickoffUtc)));
                pages[page.Number] = page;
            }
        }
        catch
        {
            await RestoreAsync();
            throw;
        }

        await state.WriteOrRestoreAsync(DeactivateOnIdle);
    }

    private async Task RestoreAsync()
    {
        try
        {
            await state.ReadStateAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            DeactivateOnIdle();
        }
    }

    /// <summary>True when a sealed page whose kick-offs span the bet's holds its id (a retried placement of a settled bet).</summary>
    private async Task<bool> IsSealedAsync(PaperBet bet)
    {
        foreach (var info in state.State.Pages.Where(p => p.FirstKickoffUtc <= bet.KickoffUtc && bet.KickoffUtc <= p.LastKickoffUtc))
        {
            if ((await PageAsync(info.Number)).Bets.Any(b => string.Equals(b.Id, bet.Id, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private async Task<IReadOnlyList<LedgerPage>> SealedPagesAsync() =>
        await Task.WhenAll(state.State.Pages.Select(p => PageAsync(p.Number)));

    private async Task<LedgerPage> PageAsync(int number)
    {
        if (!pages.TryGetValue(number, out var page))
        {
            page = await grains.GetGrain<ILedgerPageGrain>($"{this.GetPrimaryKeyString()}/{number}").ReadAsync();
            pages[number] = page;
        }

        return page;
    }

    private static void AddEquity(LedgerState s, BankrollPoint point)
    {
        s.Equity.Add(point);
        s.Peak = Math.Max(s.Peak, point.Bankroll);
        s.Worst = Math.Max(s.Worst, s.Peak > 0 ? (s.Peak - point.Bankroll) / s.Peak : 0);
    }

    /// <summary>Money staked on bets not yet settled: not there to stake again.</summary>
    private static double OpenStake(LedgerState s) => s.Bets.Values.Where(b => b.Status == BetStatus.Open).Sum(b => b.Stake);

    private static void EnsureStarted(LedgerState s, DateTime atUtc)
    {
        if (!s.Started)
        {
            s.Started = true;
            s.InitialBankroll = DefaultBankroll;
            s.Bankroll = DefaultBankroll;
            s.Peak = DefaultBankroll;
            s.DrawdownTracked = true;
            AddEquity(s, new BankrollPoint(atUtc, DefaultBankroll));
        }
    }
}
