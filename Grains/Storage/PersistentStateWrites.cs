namespace Orleans.Betting.Storage;

/// <summary>
/// Acknowledged means persisted. A grain changes its state in memory, then writes it; if the write
/// fails and the changed memory stays, a retry finds the change "already done" and answers success
/// for something that was never stored (lost for good when the silo goes). So a failed write puts
/// the memory back to what storage holds (a re-read: also right when the write did land but its
/// answer was lost) before the error reaches the caller; when even the re-read fails, the activation
/// is dropped so the next call starts from storage.
/// </summary>
public static class PersistentStateWrites
{
    public static async Task WriteOrRestoreAsync<T>(this IPersistentState<T> state, Action dropActivation)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(dropActivation);
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception)
        {
            try
            {
                await state.ReadStateAsync();
            }
            catch (Exception)
            {
                dropActivation();
            }

            throw;
        }
    }
}
