namespace Orleans.Betting.Strategies;

public enum BaselineSide
{
    Home,
    Draw,
    Away,
    Favourite,
    Underdog,
}
