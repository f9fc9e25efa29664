namespace Orleans.Betting.Quant;

public enum MarginMethod
{
    Multiplicative,
    Additive,
    Power,
    Shin,
    OddsRatio,
    BalancedBook,
}
