namespace Orleans.Betting.Tests.Infrastructure;

/// <summary>Waits for a condition that becomes true asynchronously (grain timers, one-way calls), failing with a description when it does not.</summary>
public static class Eventually
{
    public static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan limit, Func<Task<string>>? describe = null)
    {
        var until = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"not reached within {limit.TotalSeconds} s{(describe is null ? "" : ": " + await describe())}");
            }

            await Task.Delay(100);
        }
    }
}
