using Orleans.Concurrency;

namespace Orleans.Betting.Agents;

public enum BetStatus
{
    Open,
    Won,
    Lost,
    HalfWon,
    HalfLost,
    Void,
}

/// <summary>A paper bet: a pick taken at the price of its decision time.</summary>
[GenerateSerializer, Immutable]
public sealed record PaperBet(
    [property: Id(0)] string Id,
    [property: Id(1)] string MatchId,
    [property: Id(2)] string League,
    [property: Id(3)] string Season,
    [property: Id(4)] DateTime KickoffUtc,
    [property: Id(5)] string Match,
    [property: Id(6)] string Outcome,
    [property: Id(7)] double Price,
    [property: Id(8)] string Source,
    [property: Id(9)] double Stake,
    [property: Id(10)] DateTime PlacedUtc,
    [property: Id(11)] int Cycle,
    [property: Id(12)] BetStatus Status = BetStatus.Open,
    [property: Id(13)] double Profit = 0,
    [property: Id(14)] double? ClosingPrice = null,
    [property: Id(15)] DateTime? SettledUtc = null,
    [property: Id(16)] IReadOnlyList<string>? Strategies = null)
{
    /// <summary>Closing-line value: the price taken over the closing line (Pinnacle's closing price, else the same source's), minus one.</summary>
    public double? Clv => ClosingPrice is > 1 ? Price / ClosingPrice.Value - 1 : null;
}

[GenerateSerializer, Immutable]
public sealed record BankrollPoint([property: Id(0)] DateTime AtUtc, [property: Id(1)] double Bankroll);

[GenerateSerializer, Immutable]
public sealed record LedgerReport(
    [property: Id(0)] double InitialBankroll,
    [property: Id(1)] double Bankroll,
    [property: Id(2)] int Bets,
    [property: Id(3)] int Open,
    [property: Id(4)] int Settled,
    [property: Id(5)] double Staked,
    [property: Id(6)] double Profit,
    [property: Id(7)] double Roi,
    [property: Id(8)] double? MeanClv,
    [property: Id(9)] double MaxDrawdown,
    [property: Id(10)] IReadOnlyList<BankrollPoint> Equity,
    [property: Id(11)] IReadOnlyDictionary<string, double> ProfitBySource);

[GenerateSerializer, Immutable]
public sealed record PlaceResult([property: Id(0)] int Placed, [property: Id(1)] int AlreadyPlaced, [property: Id(2)] IReadOnlyList<string> Rejected);

[GenerateSerializer, Immutable]
public sealed record SettleResult([property: Id(0)] int Settled, [property: Id(1)] double Profit, [property: Id(2)] int StillOpen);

/// <summary>The paper-trading ledger (key "paper"): bankroll, open and settled bets, equity path; persisted.</summary>
public interface ILedgerGrain : IGrainWithStringKey
{
    const string Paper = "paper";

    /// <summary>Places the bets; a bet id already in the ledger is never placed twice.</summary>
    Task<PlaceResult> PlaceAsync(IReadOnlyList<PaperBet> bets);

    /// <summary>Settles every open bet whose match has a result in the market data and kicked off before the clock.</summary>
    Task<SettleResult> SettleAsync(DateTime clockUtc);

    [AlwaysInterleave]
    Task<IReadOnlyList<PaperBet>> GetBetsAsync();

    [AlwaysInterleave]
    Task<LedgerReport> GetReportAsync();
}

[GenerateSerializer, Immutable]
public sealed record ClockStatus(
    [property: Id(0)] DateTime NowUtc,
    [property: Id(1)] double Speed,
    [property: Id(2)] bool Paused,
    [property: Id(3)] DateTime StartUtc,
    [property: Id(4)] DateTime? EndUtc,
    [property: Id(5)] string Mode,
    [property: Id(6)] string Market);

/// <summary>
/// The market clock (key "market"): Replay mode runs simulated time at Speed simulated seconds per
/// real second from its start; persisted, so a restart continues where the clock was.
/// </summary>
public interface IMarketClockGrain : IGrainWithStringKey
{
    const string Key = "market";

    Task<ClockStatus> ConfigureAsync(DateTime startUtc, DateTime? endUtc, double speed, string market);

    [AlwaysInterleave]
    Task<ClockStatus> GetAsync();

    Task<ClockStatus> AdvanceAsync(TimeSpan by);

    Task<ClockStatus> PauseAsync();

    Task<ClockStatus> ResumeAsync();
}

public enum ApprovalState
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>What waits for a human: a strategy to deploy, or an incident whose remediation failed twice.</summary>
public enum ApprovalKind
{
    Strategy,
    Incident,
}

/// <summary>
/// One item of the humans' queue. <see cref="Subject"/>: the strategy id, or <c>incident-N</c>;
/// <see cref="Spec"/>: the strategy's spec, or what the incident is.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ApprovalItem(
    [property: Id(0)] string Subject,
    [property: Id(1)] string Spec,
    [property: Id(2)] IReadOnlyList<string> Flags,
    [property: Id(3)] int Cycle,
    [property: Id(4)] DateTime QueuedUtc,
    [property: Id(5)] ApprovalState State = ApprovalState.Pending,
    [property: Id(6)] string? DecidedBy = null,
    [property: Id(7)] DateTime? DecidedUtc = null,
    [property: Id(8)] ApprovalKind Kind = ApprovalKind.Strategy)
{
    private const string IncidentPrefix = "incident-";

    public static string IncidentSubject(long incidentId) => IncidentPrefix + incidentId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static long IncidentId(string incidentSubject) =>
        long.Parse(incidentSubject.AsSpan(IncidentPrefix.Length), System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// What waits for a human (key "approvals"): strategies held before deployment, and escalated
/// incidents (approve: automation retries the remediation; reject: a human handles it, automation stays off).
/// </summary>
public interface IApprovalQueueGrain : IGrainWithStringKey
{
    const string Key = "approvals";

    Task EnqueueAsync(ApprovalItem item);

    Task<IReadOnlyList<ApprovalItem>> ListAsync();

    Task<ApprovalItem> DecideAsync(string subject, bool approve, string by);
}
