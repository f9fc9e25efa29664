namespace Orleans.Betting.Silo.Simulation;

public sealed record SimulatedSport(string Key, string Title, string Group, IReadOnlyList<string> Teams);
