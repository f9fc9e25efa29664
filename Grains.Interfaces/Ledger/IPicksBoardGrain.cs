namespace Orleans.Betting.Ledger;

/// <summary>
/// The agents' picks of the last market days and what became of each (key "agents"): what `picks` and
/// the console show while the agents trade, without a manual swarm run.
/// </summary>
public interface IPicksBoardGrain : IGrainWithStringKey
{
    const string Agents = "agents";

    /// <summary>Adds a decision's picks; a pick already on the board (match, selection, decision time) is replaced.</summary>
    Task RecordAsync(IReadOnlyList<BoardPick> picks);

    /// <summary>The board, newest decision first.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    [Security.ClientReadable]
    Task<IReadOnlyList<BoardPick>> ListAsync();
}
