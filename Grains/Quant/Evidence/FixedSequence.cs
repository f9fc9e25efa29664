namespace Orleans.Betting.Quant;

/// <summary>
/// The fixed-sequence procedure: hypotheses in an order fixed before the data are read, each tested
/// at the full α, stopping at the first that is not rejected. The chance of rejecting any true null
/// is at most α however many hypotheses there are (each rejection needs every earlier one too).
/// </summary>
public static class FixedSequence
{
    /// <summary>How many of the ordered p-values are rejected (a prefix): those up to the first above <paramref name="alpha"/>, or not eligible.</summary>
    public static int Rejected(IReadOnlyList<double> orderedP, double alpha, IReadOnlyList<bool>? eligible = null)
    {
        var k = 0;
        while (k < orderedP.Count && (eligible is null || eligible[k]) && orderedP[k] <= alpha)
        {
            k++;
        }

        return k;
    }
}
