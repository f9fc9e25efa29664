namespace Orleans.Betting.Quant;

/// <summary>
/// Invalid input to a quant routine (a price ≤ 1, an incomplete book, an unknown method...); the
/// message says which value and why. Part of the contract so clients can tell bad input from failure.
/// </summary>
[GenerateSerializer]
[Alias("betting.QuantException")]
public sealed class QuantException : Exception
{
    public QuantException(string message)
        : base(message) { }
}
