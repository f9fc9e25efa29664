namespace Orleans.Betting.Agents;

/// <summary>One strategy's live record: the settled paper bets it backed.</summary>
[GenerateSerializer, Immutable]
[Alias("betting.StrategyTrackRecord")]
public sealed record StrategyTrackRecord(
    [property: Id(0)] string StrategyId,
    [property: Id(1)] int Bets,
    [property: Id(2)] double Staked,
    [property: Id(3)] double Profit,
    [property: Id(4)] double? MeanClv,
    [property: Id(5)] double Weight,
    [property: Id(6)] bool RetirementProposed,
    [property: Id(7)] double ReturnSd = 0,
    /// <summary>Realised minus CLV-predicted return per unit (stake-weighted, bets with a sharp close) and its z, clustered by match.</summary>
    [property: Id(8)] double? CloseGap = null,
    [property: Id(9)] double? CloseGapZ = null,
    /// <summary>The realised returns fell significantly below what the CLV predicts: the gate's assumption (an unbiased sharp close) does not hold for it.</summary>
    [property: Id(10)] bool CloseParted = false
)
{
    public double Roi => Staked > 0 ? Profit / Staked : 0;
}
