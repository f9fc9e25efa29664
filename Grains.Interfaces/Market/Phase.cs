namespace Orleans.Betting.Market;

/// <summary>When a quote was taken: Opening (football-data's early snapshot) or Closing (last before kick-off).</summary>
public enum Phase : byte
{
    Opening,
    Closing,
}
