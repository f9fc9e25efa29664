namespace Orleans.Betting.Quant;

/// <summary>A strategy asked for a fact that was not known at its decision time.</summary>
public sealed class LookAheadException(string message) : Exception(message);
