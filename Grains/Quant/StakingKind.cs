namespace Orleans.Betting.Quant;

public enum StakingKind
{
    Flat,
    Proportional,
    Kelly,
}
