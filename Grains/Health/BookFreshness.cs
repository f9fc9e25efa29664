namespace Orleans.Betting.Health;

/// <summary>When a bookmaker's prices last changed, and when the freshest book's did (one sport).</summary>
public sealed record BookFreshness(string Sport, string Bookmaker, DateTime LastUpdateUtc, DateTime FreshestUtc);
