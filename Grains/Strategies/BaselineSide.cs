using Orleans.Betting.Market;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Strategies;

public enum BaselineSide
{
    Home,
    Draw,
    Away,
    Favourite,
    Underdog,
}
