namespace Orleans.Betting;

public static class ExceptionExtensions
{
    /// <summary>The innermost cause: wrappers (hosting, HTTP, serialization) say little an operator can act on.</summary>
    public static Exception Innermost(this Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
