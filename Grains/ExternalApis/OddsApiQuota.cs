using System.Globalization;
using System.Net.Http.Headers;

namespace Orleans.Betting.ExternalApis;

public static class OddsApiQuota
{
    /// <summary>Reads x-requests-remaining / -used / -last; a missing or unreadable header is null.</summary>
    public static QuotaHeaders Parse(HttpResponseHeaders headers)
    {
        static long? Read(HttpResponseHeaders h, string name) =>
            h.TryGetValues(name, out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
                ? v
                : null;

        return new QuotaHeaders(Read(headers, "x-requests-remaining"), Read(headers, "x-requests-used"), Read(headers, "x-requests-last"));
    }
}
