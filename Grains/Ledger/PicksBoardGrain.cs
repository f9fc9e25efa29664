using Orleans.Betting.Storage;

namespace Orleans.Betting.Ledger;

/// <summary>
/// The agents' recent picks, persisted as one small record: the last <see cref="KeepDays"/> market days,
/// at most <see cref="MaxPicks"/> picks, so it stays flat however long the agents trade.
/// </summary>
public sealed class PicksBoardGrain([PersistentState("picks", StorageNames.Betting)] IPersistentState<PicksBoardState> state)
    : Grain,
        IPicksBoardGrain
{
    public const int KeepDays = 7;
    public const int MaxPicks = 400;

    public async Task RecordAsync(IReadOnlyList<BoardPick> picks)
    {
        if (picks.Count == 0)
        {
            return;
        }

        static (string, string, DateTime) Key(BoardPick p) => (p.Pick.MatchId, p.Pick.Selection.Text, p.DecidedUtc);
        var incoming = picks.Select(Key).ToHashSet();
        var kept = state.State.Picks.Where(p => !incoming.Contains(Key(p))).Concat(picks).ToList();
        var newest = kept.Max(p => p.DecidedUtc);
        state.State.Picks = kept.Where(p => p.DecidedUtc >= newest.AddDays(-KeepDays))
            .OrderByDescending(p => p.DecidedUtc)
            .ThenBy(p => p.Pick.KickoffUtc)
            .ThenBy(p => p.Pick.MatchId, StringComparer.Ordinal)
            .Take(MaxPicks)
            .ToList();
        await state.WriteOrRestoreAsync(DeactivateOnIdle);
    }

    public Task<IReadOnlyList<BoardPick>> ListAsync() => Task.FromResult<IReadOnlyList<BoardPick>>(state.State.Picks);
}

[GenerateSerializer]
[Alias("betting.PicksBoardState")]
public sealed class PicksBoardState
{
    [Id(0)]
    public List<BoardPick> Picks { get; set; } = [];
}
