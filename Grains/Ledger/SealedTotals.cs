namespace Orleans.Betting.Ledger;

[GenerateSerializer]
[Alias("betting.SealedTotals")]
public sealed class SealedTotals
{
    [Id(0)]
    public int Count { get; set; }

    [Id(1)]
    public double Staked { get; set; }

    [Id(2)]
    public double Profit { get; set; }

    [Id(3)]
    public double ClvSum { get; set; }

    [Id(4)]
    public int ClvCount { get; set; }

    [Id(5)]
    public Dictionary<string, double> ProfitBySource { get; set; } = [];

    public void Add(PaperBet bet)
    {
        Count++;
        Staked += bet.Stake;
        Profit += bet.Profit;
        if (bet.Clv is { } clv)
        {
            ClvSum += clv;
            ClvCount++;
        }

        ProfitBySource[bet.Source.Text] = ProfitBySource.GetValueOrDefault(bet.Source.Text) + bet.Profit;
    }
}
