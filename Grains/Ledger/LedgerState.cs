namespace Orleans.Betting.Ledger;

[GenerateSerializer]
[Alias("betting.LedgerState")]
public sealed class LedgerState
{
    [Id(0)]
    public bool Started { get; set; }

    [Id(1)]
    public double InitialBankroll { get; set; }

    [Id(2)]
    public double Bankroll { get; set; }

    [Id(3)]
    public Dictionary<string, PaperBet> Bets { get; set; } = [];

    /// <summary>The equity path since the last sealed page (earlier points are in the pages).</summary>
    [Id(4)]
    public List<BankrollPoint> Equity { get; set; } = [];

    [Id(5)]
    public List<LedgerPageInfo> Pages { get; set; } = [];

    /// <summary>Running totals of the sealed pages' bets.</summary>
    [Id(6)]
    public SealedTotals Sealed { get; set; } = new();

    /// <summary>The highest bankroll so far and the deepest fall from a peak (a share of it).</summary>
    [Id(7)]
    public double Peak { get; set; }

    [Id(8)]
    public double Worst { get; set; }

    [Id(9)]
    public bool DrawdownTracked { get; set; }
}
