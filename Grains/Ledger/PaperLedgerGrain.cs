using Orleans.Betting.Market;
using Orleans.Betting.Quant;
using Orleans.Betting.Storage;

namespace Orleans.Betting.Ledger;

/// <summary>
/// The paper ledger: bets placed at the price of their decision time (never after kick-off, never
/// beyond the free bankroll, never twice), settled from the market's results once the match is
/// over on the clock, with closing-line value against the closing line (Pinnacle's closing price,
/// else the same source's); bankroll
/// and equity path persisted.
/// </summary>
public sealed class PaperLedgerGrain(
    [PersistentState("ledger", StorageNames.Betting)] IPersistentState<LedgerState> state,
    IGrainFactory grains,
    TimeProvider time
) : Grain, ILedgerGrain
{
    public const double DefaultBankroll = 1000;

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
            if (s.Bets.ContainsKey(bet.Id))
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
                _ when !PickOutcome.TryParse(bet.Outcome, out _, out _, out _) => $"outcome '{bet.Outcome}' is not a market outcome",
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
            await state.WriteOrRestoreAsync(DeactivateOnIdle);
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
            if (
                !matches.TryGetValue(bet.MatchId, out var match)
                || match.Result is null
                || !PickOutcome.TryParse(bet.Outcome, out var market, out var outcome, out var line)
            )
            {
                continue; // no result yet: stays open
            }

            var unit = Settlement.UnitReturn(market, outcome, line, bet.Price, match.Result);
            var status = unit switch
            {
                0 => BetStatus.Void,
                < 0 when unit > -1 => BetStatus.HalfLost,
                < 0 => BetStatus.Lost,
                _ when unit < bet.Price - 1 - 1e-9 => BetStatus.HalfWon,
                _ => BetStatus.Won,
            };
            // The closing line is the sharp book's (Pinnacle's) close: kept raw for people, de-margined for CLV.
            var closing = match
                .Quotes.Where(q =>
                    q.Source == PriceSource.Pinnacle
                    && q.Market == market
                    && q.Outcome == outcome
                    && q.Phase == Phase.Closing
                    && (market == MarketType.MatchOdds || q.Line == line)
                )
                .Select(q => (double?)q.Price)
                .FirstOrDefault();
            var clv = ClosingLine.Value(match, new BetIntent(market, outcome, line, PriceSource.Pinnacle, Phase.Closing, 0), bet.Price);
            string? basis = double.IsFinite(clv) ? "pinnacle" : null;
            if (basis is null && bet.Bookmaker is not null)
            {
                // A live event without Pinnacle: the consensus close (the market average, de-margined), stated on the bet.
                clv = ClosingLine.Value(
                    match,
                    new BetIntent(market, outcome, line, PriceSource.MarketAvg, Phase.Closing, 0),
                    bet.Price,
                    PriceSource.MarketAvg
                );
                basis = double.IsFinite(clv) ? "consensus" : null;
            }

            double? fair = double.IsFinite(clv) ? (clv + 1) / bet.Price : null;
            var result = bet with
            {
                Status = status,
                Profit = bet.Stake * unit,
                ClosingPrice = closing,
                ClosingFairProbability = fair,
                ClvBasis = basis,
                SettledUtc = clockUtc,
            };
            s.Bets[bet.Id] = result;
            s.Bankroll += result.Profit;
            s.Equity.Add(new BankrollPoint(bet.KickoffUtc + MatchLength, s.Bankroll));
            profit += result.Profit;
            settled++;
        }

        if (settled > 0)
        {
            await state.WriteOrRestoreAsync(DeactivateOnIdle);
            Monitoring.BettingMetrics.BetsSettled.Add(settled);
            var report = Report();
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
            await state.WriteOrRestoreAsync(DeactivateOnIdle);
            Monitoring.BettingMetrics.BetsSettled.Add(voided);
        }

        return voided;
    }

    public Task<IReadOnlyList<PaperBet>> GetBetsAsync() =>
        Task.FromResult<IReadOnlyList<PaperBet>>(
            state.State.Bets.Values.OrderBy(b => b.PlacedUtc).ThenBy(b => b.Id, StringComparer.Ordinal).ToList()
        );

    public Task<LedgerReport> GetReportAsync() => Task.FromResult(Report());

    private LedgerReport Report()
    {
        var s = state.State;
        var initial = s.Started ? s.InitialBankroll : DefaultBankroll;
        var settled = s.Bets.Values.Where(b => b.Status != BetStatus.Open).ToList();
        var staked = settled.Sum(b => b.Stake);
        var profit = settled.Sum(b => b.Profit);
        var clv = settled.Select(b => b.Clv).OfType<double>().ToList();
        return new LedgerReport(
            initial,
            s.Started ? s.Bankroll : initial,
            s.Bets.Count,
            s.Bets.Count - settled.Count,
            settled.Count,
            staked,
            profit,
            staked > 0 ? profit / staked : 0,
            clv.Count > 0 ? clv.Average() : null,
            MaxDrawdown(initial, s.Equity),
            s.Equity.ToList(),
            settled.GroupBy(b => b.Source).ToDictionary(g => g.Key, g => g.Sum(b => b.Profit)),
            OpenStake(s)
        );
    }

    /// <summary>Money staked on bets not yet settled: not there to stake again.</summary>
    private static double OpenStake(LedgerState s) => s.Bets.Values.Where(b => b.Status == BetStatus.Open).Sum(b => b.Stake);

    /// <summary>The largest fall from a peak of the bankroll, as a share of that peak.</summary>
    public static double MaxDrawdown(double initial, IReadOnlyList<BankrollPoint> equity)
    {
        var peak = initial;
        var worst = 0.0;
        foreach (var point in equity)
        {
            peak = Math.Max(peak, point.Bankroll);
            worst = Math.Max(worst, peak > 0 ? (peak - point.Bankroll) / peak : 0);
        }

        return worst;
    }

    private static void EnsureStarted(LedgerState s, DateTime atUtc)
    {
        if (!s.Started)
        {
            s.Started = true;
            s.InitialBankroll = DefaultBankroll;
            s.Bankroll = DefaultBankroll;
            s.Equity.Add(new BankrollPoint(atUtc, DefaultBankroll));
        }
    }
}

[GenerateSerializer]
public sealed class LedgerState
{
    [Id(0)]
    public bool Started { get; set; }

    [Id(1)]
    public double InitialBankroll { get; set; }

    [Id(2)]
    public double Bankroll { get; set; }

    [Id(3)]
    public Dictionary<string, PaperBet> Bets { get; set; } = [];

    [Id(4)]
    public List<BankrollPoint> Equity { get; set; } = [];
}
