using Refit;

namespace Orleans.Betting.ExternalApis;

/// <summary>football-data.co.uk's season files: /mmz4281/{yyYY}/{league}.csv, e.g. /mmz4281/1920/E0.csv.</summary>
public interface IFootballDataApi
{
    [Get("/mmz4281/{seasonCode}/{league}.csv")]
    Task<HttpResponseMessage> GetSeasonCsvAsync(string seasonCode, string league, CancellationToken cancellationToken = default);

    /// <summary>The site's front page, headers only: is it there at all (connectivity probe).</summary>
    [Head("/")]
    Task<HttpResponseMessage> ProbeAsync(CancellationToken cancellationToken = default);
}
