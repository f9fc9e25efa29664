using System.Collections.Concurrent;
using Orleans.Betting.Configuration;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Silo.Simulation;

public sealed record SimulatedBookmaker(string Key, string Title, string Region, double Margin, int LagTicks);
