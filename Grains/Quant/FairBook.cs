namespace Orleans.Betting.Quant;

/// <summary>Fair probabilities from one book's prices, and the method's fitted parameter (if any).</summary>
public sealed record FairBook(MarginMethod Method, double[] Probabilities, double Margin, string? ParameterName, double? Parameter);
