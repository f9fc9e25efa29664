using Orleans.Betting.Storage;
using Orleans.Placement;

namespace Orleans.Betting.Ledger;

/// <summary>A sealed page of a ledger (<see cref="ILedgerPageGrain"/>), placed beside the ledger that writes and reads it.</summary>
[PreferLocalPlacement]
public sealed class LedgerPageGrain([PersistentState("ledgerpage", StorageNames.Betting)] IPersistentState<LedgerPageState> state)
    : Grain,
        ILedgerPageGrain
{
    public async Task WriteAsync(LedgerPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        state.State.Page = page;
        await state.WriteOrRestoreAsync(DeactivateOnIdle);
    }

    public Task<LedgerPage> ReadAsync() =>
        Task.FromResult(
            state.State.Page ?? throw new InvalidOperationException($"ledger page {this.GetPrimaryKeyString()} was never written")
        );
}

[GenerateSerializer]
[Alias("betting.LedgerPageState")]
public sealed class LedgerPageState
{
    [Id(0)]
    public LedgerPage? Page { get; set; }
}
