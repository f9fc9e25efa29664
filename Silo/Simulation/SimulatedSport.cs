using System.Collections.Concurrent;
using Orleans.Betting.Configuration;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Quant;

namespace Orleans.Betting.Silo.Simulation;

public sealed record SimulatedSport(string Key, string Title, string Group, IReadOnlyList<string> Teams);
