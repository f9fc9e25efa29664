namespace Orleans.Betting.Client.Infrastructure;

/// <summary>Runs a command body with the client's conventions: one-line errors on stderr, exit codes
/// (0 ok, 2 usage, 3 cluster unavailable, 4 refused: an operator method without an operator identity, 1 failure); JSON output is <see cref="JsonOutput"/>'s.</summary>
public static class CommandRunner
{
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (ClusterUnavailableException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 3;
        }
        catch (UnauthorizedAccessException e)
        {
            Console.Error.WriteLine($"refused: {e.Message}");
            return 4;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled");
            return 130;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"error: {Describe(e)}");
            return 1;
        }
    }

    /// <summary>The message with its inner causes, one clause each: the innermost says what really happened.</summary>
    public static string Describe(Exception e)
    {
        var parts = new List<string>();
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (parts.Count == 0 || !parts[^1].Contains(current.Message, StringComparison.Ordinal))
            {
                parts.Add(current.Message);
            }
        }

        return string.Join(" → ", parts);
    }
}
