using Orleans.Betting.Strategies;
using Orleans.Concurrency;

namespace Orleans.Betting.Swarms;

public enum ConsensusRule
{
    Majority,
    Unanimous,
    Quorum,
    Weighted,
}
