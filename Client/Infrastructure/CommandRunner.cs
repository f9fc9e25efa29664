namespace Orleans.Betting.Client.Infrastructure;

/// <summary>Runs a command body with the client's conventions: one-line errors on stderr, exit codes
/// (0 ok, 2 usage, 3 cluster unavailable, 4 refused: an operator method without an operator identity, 1 failure); JSON output is <see cref="JsonOutput"/>'s.</summary>
public static class CommandRunner
{
    /// <summary>
    /// Runs the body. With <c>--json</c> on the command line a failure is also one JSON object on stdout,
    /// <c>{"error": {"kind", "message", "exitCode"}}</c>, so a script reads one shape whatever happened.
    /// </summary>
    public static async Task<int> RunAsync(Func<Task<int>> body, ParseResult? parse = null)
    {
        try
        {
            return await body();
        }
        catch (UsageException e)
        {
            return Fail(parse, "usage", $"error: {e.Message}", e.Message, 2);
        }
        catch (ClusterUnavailableException e)
        {
            return Fail(parse, "unavailable", $"error: {e.Message}", e.Message, 3);
        }
        catch (UnauthorizedAccessException e)
        {
            return Fail(parse, "refused", $"refused: {e.Message}", e.Message, 4);
        }
        catch (OperationCanceledException)
        {
            return Fail(parse, "cancelled", "cancelled", "cancelled", 130);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Fail(parse, "failed", $"error: {Describe(e)}", Describe(e), 1);
        }
    }

    private static int Fail(ParseResult? parse, string kind, string line, string message, int exitCode)
    {
        Console.Error.WriteLine(line);
        if (parse is not null && JsonOutput.Requested(parse))
        {
            JsonOutput.Write(
                new
                {
                    error = new
                    {
                        kind,
                        message,
                        exitCode,
                    },
                }
            );
        }

        return exitCode;
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
