using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Orleans.Betting.Tests.Hosting;

/// <summary>
/// Tracing across grain calls: with an OTLP endpoint configured, a silo exports the spans of a client's
/// calls (OTLP over HTTP/protobuf) to it; without one, it exports nothing.
/// </summary>
[Collection(MachineWideCollection.Name)]
[Trait(Tier.Name, Tier.System)]
public sealed class TracingTests
{
    [Fact]
    public async Task AClientsGrainCallsAreExportedAsSpansToTheConfiguredOtlpEndpoint()
    {
        var posts = new ConcurrentQueue<(string Path, string ContentType, byte[] Body)>();
        await using var collector = await LoopbackServer.StartAsync(app =>
            app.MapPost(
                "/{**path}",
                async (HttpContext ctx) =>
                {
                    using var body = new MemoryStream();
                    await ctx.Request.Body.CopyToAsync(body);
                    posts.Enqueue((ctx.Request.Path, ctx.Request.ContentType ?? "", body.ToArray()));
                    return Results.Ok();
                }
            )
        );
        using var dir = new TempDirectory("tracing");
        await using var silo = SiloProcess.Start(
            dir.Path,
            new Dictionary<string, string>
            {
                ["Betting__Tracing__OtlpEndpoint"] = collector.BaseUrl.TrimEnd('/'),
                ["Betting__Tracing__ExportMilliseconds"] = "200",
                ["Betting__Health__Enabled"] = "false",
            }
        );
        await silo.WaitReadyAsync(TimeSpan.FromSeconds(90));
        await ClientProcess.RunJsonAsync(silo, "ledger", "--json");

        // The ledger read's span names the grain method it traced.
        static bool Names(byte[] body, string text) => Encoding.UTF8.GetString(body).Contains(text, StringComparison.Ordinal);
        await Eventually.WaitAsync(
            () => Task.FromResult(posts.Any(p => Names(p.Body, "GetBetsAsync"))),
            TimeSpan.FromSeconds(30),
            () => Task.FromResult($"{posts.Count} export(s): {string.Join(", ", posts.Select(p => $"{p.Path} {p.Body.Length} B"))}")
        );
        var export = posts.First(p => Names(p.Body, "GetBetsAsync"));
        Assert.Equal("/v1/traces", export.Path);
        Assert.Equal("application/x-protobuf", export.ContentType);
        Assert.True(Names(export.Body, "orleans-betting-silo"), "the resource names the service");
    }
}
