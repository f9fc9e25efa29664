using Orleans.Betting.ExternalApis;
using Orleans.Betting.Quant;
using Orleans.Concurrency;

namespace Orleans.Betting.Market;

[StatelessWorker]
public sealed class MarketImportGrain(IGrainFactory grains, IFootballDataApi footballData) : Grain, IMarketImportGrain
{
    public async Task<FileImportReport> ImportCsvAsync(string fileName, byte[] content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        // Parsing and generation are long CPU work: off the grain's turn, so the silo's scheduler stays responsive.
        var read = await Task.Run(
            () => FootballDataCsvReader.Read(new MemoryStream(content, writable: false), fileName),
            cancellationToken
        );
        var seasons = new List<SeasonUpsert>();
        foreach (var group in read.Matches.GroupBy(m => (m.League, m.Season)).OrderBy(g => g.Key.League).ThenBy(g => g.Key.Season))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var data = new SeasonData(group.Key.League, group.Key.Season, group.ToArray(), $"football-data:{read.File}");
            seasons.Add(await grains.LeagueSeason(data.League, data.Season).UpsertAsync(data));
        }

        var problems = read.Issues.Select(i => new ImportProblem(i.File, i.Line, i.Field, i.Reason, i.RowRejected)).ToArray();
        return new FileImportReport(read.File, read.RowsRead, read.Matches.Count, read.RowsRejected, problems, seasons);
    }

    public async Task<FileImportReport> DownloadAsync(string league, string season, CancellationToken cancellationToken = default)
    {
        var code = FootballDataSeason.Code(season);
        if (string.IsNullOrWhiteSpace(league) || !league.All(char.IsLetterOrDigit))
        {
            throw new ArgumentException($"league '{league}': expected a football-data division code such as E0");
        }

        byte[] bytes;
        try
        {
            using var response = await footballData.GetSeasonCsvAsync(code, league, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException(
                    $"download of {league} {season} (/mmz4281/{code}/{league}.csv) failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}"
                );
            }

            bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or ResponseTooLargeException)
        {
            throw new InvalidOperationException($"download of {league} {season} failed: {e.Message}");
        }

        return await ImportCsvAsync($"{season}.csv", bytes, cancellationToken);
    }

    public async Task<SyntheticImportReport> GenerateAsync(SyntheticMarketRequest request, CancellationToken cancellationToken = default)
    {
        var options = new SimulationOptions(
            request.Seed,
            request.Leagues,
            request.Seasons,
            SimulationOptions.ParsePlant(request.Plant),
            request.TeamsPerLeague,
            request.Realism
        );
        var seasons = await Task.Run(() => MarketSimulator.Generate(options, cancellationToken), cancellationToken);
        var upserts = new List<SeasonUpsert>();
        foreach (var season in seasons)
        {
            cancellationToken.ThrowIfCancellationRequested();
            upserts.Add(await grains.LeagueSeason(season.League, season.Season).UpsertAsync(season));
        }

        return new SyntheticImportReport(
            request.Seed,
            request.Plant,
            upserts,
            seasons.Sum(s => s.Matches.Length),
            seasons.Sum(s => s.Matches.Sum(m => m.Quotes.Length))
        );
    }
}
