using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Orleans.Betting.Tests.Infrastructure;

/// <summary>
/// A loopback stand-in for football-data.co.uk: serves ../shared/data/football-data/{league}/{season}.csv
/// at /mmz4281/{yyYY}/{league}.csv, 404 for anything else, and counts requests.
/// </summary>
public sealed class FootballDataServer : IAsyncDisposable
{
    private LoopbackServer? server;
    private int requests;

    public string BaseUrl => server!.BaseUrl;

    public int Requests => Volatile.Read(ref requests);

    public static async Task<FootballDataServer> StartAsync()
    {
        var root = Path.Combine(RepoPaths.SharedData, "data", "football-data");
        var result = new FootballDataServer();
        result.server = await LoopbackServer.StartAsync(app =>
            app.MapGet(
                "/mmz4281/{code}/{file}",
                (string code, string file) =>
                {
                    Interlocked.Increment(ref result.requests);
                    if (code.Length != 4 || !file.EndsWith(".csv", StringComparison.Ordinal))
                    {
                        return Results.NotFound();
                    }

                    var start = 2000 + int.Parse(code[..2]);
                    var path = Path.Combine(root, file[..^4], $"{start}-{start + 1}.csv");
                    return File.Exists(path) ? Results.File(path, "text/csv") : Results.NotFound();
                }
            )
        );
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
