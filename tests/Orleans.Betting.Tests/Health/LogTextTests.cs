using Orleans.Betting.Monitoring;

namespace Orleans.Betting.Tests.Health;

/// <summary>Text from outside cannot forge a log line or drive a terminal, and cannot fill the log.</summary>
public sealed class LogTextTests
{
    [Fact]
    public void ControlCharactersBecomeVisibleEscapesAndLongTextIsCut()
    {
        Assert.Equal("plain text stays as it is", LogText.Safe("plain text stays as it is"));
        Assert.Equal(
            "disk full\\n2026-12-07 info: all is well\\r\\u001b[2J\\t\\u007f",
            LogText.Safe("disk full\n2026-12-07 info: all is well\r\u001b[2J\t\u007f")
        );
        Assert.Equal("", LogText.Safe(null));
        var cut = LogText.Safe(new string('x', LogText.MaxLength + 500));
        Assert.StartsWith(new string('x', LogText.MaxLength), cut, StringComparison.Ordinal);
        Assert.EndsWith("… (500 more characters)", cut, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', LogText.Safe(string.Concat(Enumerable.Repeat("a\n", 5_000))));
    }
}
