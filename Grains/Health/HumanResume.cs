using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Betting.Agents;
using Orleans.Betting.ExternalApis;
using Orleans.Betting.Health;
using Orleans.Betting.Market;
using Orleans.Betting.Market.Live;
using Orleans.Betting.Strategies;
using Orleans.Runtime;

namespace Orleans.Betting.Health;

/// <summary>When a human resumed a strategy and how many live bets it had then.</summary>
[GenerateSerializer, Immutable]
public sealed record HumanResume([property: Id(0)] DateTime ResumedUtc, [property: Id(1)] int BetsAtResume);
