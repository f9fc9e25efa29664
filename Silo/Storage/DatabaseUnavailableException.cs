namespace Orleans.Betting.Silo.Storage;

/// <summary>The database could not be reached or refused the schema; the message names the setting.</summary>
public sealed class DatabaseUnavailableException(DatabaseTarget target, Exception inner)
    : Exception($"{target.Setting}: cannot use {target.Engine} database {target.DisplayName}: {Describe(inner)}", inner)
{
    public DatabaseTarget Target { get; } = target;

    private static string Describe(Exception e)
    {
        // The innermost message is the one that says what happened (refused, auth failed, ...).
        var innermost = e;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return ReferenceEquals(innermost, e) ? e.Message : $"{e.Message} ({innermost.Message})";
    }
}
