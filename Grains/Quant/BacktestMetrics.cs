namespace Orleans.Betting.Quant;

/// <summary>The figures of DESIGN §6 for a list of settled bets.</summary>
public sealed record BacktestMetrics(
    int Bets,
    int Wins,
    double Staked,
    double Profit,
    double Roi,
    double HitRate,
    double AveragePrice,
    double MaxDrawdownAmount,
    double SharpePerBet,
    double TStatistic,
    double MeanClv,
    int ClvBets,
    double RoiLow95,
    double RoiHigh95,
    double FinalBankroll,
    double ClvSd = double.NaN
)
{
    public static BacktestMetrics From(IReadOnlyList<SettledBet> bets, double initialBankroll, int bootstrapSamples, int seed)
    {
        var n = bets.Count;
        if (n == 0)
        {
            return new BacktestMetrics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, double.NaN, 0, 0, 0, initialBankroll);
        }

        double staked = 0,
            profit = 0,
            priceSum = 0,
            clvSum = 0,
            clvSquares = 0,
            peak = initialBankroll,
            maxDrawdown = 0,
            sum = 0,
            sumSq = 0;
        int wins = 0,
            clvBets = 0;
        for (var i = 0; i < n; i++)
        {
            var b = bets[i];
            staked += b.Stake;
            profit += b.Profit;
            priceSum += b.Price;
            if (b.Profit > 0)
            {
                wins++;
            }

            if (!double.IsNaN(b.Clv))
            {
                clvSum += b.Clv;
                clvSquares += b.Clv * b.Clv;
                clvBets++;
            }

            var r = b.Profit / b.Stake;
            sum += r;
            sumSq += r * r;
            peak = Math.Max(peak, b.BankrollAfter);
            maxDrawdown = Math.Max(maxDrawdown, peak - b.BankrollAfter);
        }

        var mean = sum / n;
        var variance = n > 1 ? Math.Max(0, (sumSq - n * mean * mean) / (n - 1)) : 0;
        var sd = Math.Sqrt(variance);
        var sharpe = sd > 0 ? mean / sd : 0;
        var (low, high) = Statistics.BootstrapRoi(bets, bootstrapSamples, seed);
        var clvMean = clvBets > 0 ? clvSum / clvBets : double.NaN;
        var clvSd = clvBets > 1 ? Math.Sqrt(Math.Max(0, (clvSquares - clvBets * clvMean * clvMean) / (clvBets - 1))) : double.NaN;
        return new BacktestMetrics(
            n,
            wins,
            staked,
            profit,
            profit / staked,
            (double)wins / n,
            priceSum / n,
            maxDrawdown,
            sharpe,
            sharpe * Math.Sqrt(n),
            clvMean,
            clvBets,
            low,
            high,
            bets[^1].BankrollAfter,
            clvSd
        );
    }
}
