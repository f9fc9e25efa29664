using System.Text;

namespace Orleans.Betting.Monitoring;

/// <summary>
/// Text from outside (an alert's words, a bus message's sender or subject) made safe for a log
/// line: control characters become visible escapes (\n, \r, \t, \u001b…), so nobody can forge a
/// second log line or move a terminal's cursor through a message, and very long text is cut.
/// </summary>
public static class LogText
{
    public const int MaxLength = 2_000;

    public static string Safe(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var cut = text.Length > MaxLength;
        var span = cut ? text.AsSpan(0, MaxLength) : text.AsSpan();
        if (!cut && !span.ContainsAnyInRange('\0', '\u001f') && !span.Contains('\u007f'))
        {
            return text;
        }

        var safe = new StringBuilder(span.Length + 16);
        foreach (var c in span)
        {
            _ = c switch
            {
                '\n' => safe.Append("\\n"),
                '\r' => safe.Append("\\r"),
                '\t' => safe.Append("\\t"),
                < ' ' or '\u007f' => safe.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)),
                _ => safe.Append(c),
            };
        }

        return cut ? safe.Append($"… ({text.Length - MaxLength} more characters)").ToString() : safe.ToString();
    }
}
