using Orleans.Betting.Market;

namespace Orleans.Betting.Quant;

/// <summary>When each kind of fact becomes known (DESIGN §3).</summary>
public sealed record FactTiming(TimeSpan OpeningLead, TimeSpan ResultDelay)
{
    public static FactTiming Default { get; } = new(TimeSpan.FromDays(2), TimeSpan.FromHours(2));

    public DateTime KnownAt(DateTime kickoffUtc, Phase phase) => phase == Phase.Opening ? kickoffUtc - OpeningLead : kickoffUtc;

    public DateTime ResultKnownAt(DateTime kickoffUtc) => kickoffUtc + ResultDelay;
}
