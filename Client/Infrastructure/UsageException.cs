namespace Orleans.Betting.Client.Infrastructure;

/// <summary>Bad command-line input, reported as one line.</summary>
public sealed class UsageException(string message) : Exception(message);
