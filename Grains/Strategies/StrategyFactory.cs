using Orleans.Betting.Quant;

namespace Orleans.Betting.Strategies;

/// <summary>Builds the backtestable strategy of a spec's family (more families arrive with the swarms).</summary>
public static class StrategyFactory
{
    public static IBacktestStrategy Create(StrategySpec spec) => spec.Family switch
    {
        "baseline" => BaselineStrategy.FromParameters(spec.Parameters),
        _ => throw new QuantException($"unknown strategy family '{spec.Family}'; known: baseline"),
    };
}
