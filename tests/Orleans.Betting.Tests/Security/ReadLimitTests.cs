using Orleans.Betting.Security;

namespace Orleans.Betting.Tests.Security;

public sealed class ReadLimitTests
{
    [Theory]
    [InlineData(int.MaxValue, ReadLimit.Max)]
    [InlineData(ReadLimit.Max + 1, ReadLimit.Max)]
    [InlineData(200, 200)]
    [InlineData(0, 1)]
    [InlineData(int.MinValue, 1)]
    public void AReadAnswersAtMostTheCapAndAtLeastOneRow(int asked, int answered) => Assert.Equal(answered, ReadLimit.Clamp(asked));
}
