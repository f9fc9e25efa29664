namespace Orleans.Betting.Silo.Simulation;

public sealed record SimulatedBookmaker(string Key, string Title, string Region, double Margin, int LagTicks);
