namespace Orleans.Betting.Client.Infrastructure;

/// <summary>The shape of every command that talks to the cluster: connect (from the shared connection options), run, report by exit code.</summary>
public static class ClusterCommands
{
    public static void SetClusterAction(
        this Command command,
        ConnectionOptions connection,
        Func<ClusterConnection, ParseResult, CancellationToken, Task<int>> body
    ) =>
        command.SetAction(
            (parse, ct) =>
                CommandRunner.RunAsync(
                    async () =>
                    {
                        await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(parse), ct);
                        return await body(cluster, parse, ct);
                    },
                    parse
                )
        );
}
