namespace Orleans.Betting.Quant;

/// <summary>One bet as evidence: the match it is on (the cluster), its stake, its realised return per unit staked and its closing line value (NaN without a sharp close).</summary>
public readonly record struct EvidenceBet(string Match, double Stake, double Return, double Clv);
