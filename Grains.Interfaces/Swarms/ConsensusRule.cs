namespace Orleans.Betting.Swarms;

public enum ConsensusRule
{
    Majority,
    Unanimous,
    Quorum,
    Weighted,
}
