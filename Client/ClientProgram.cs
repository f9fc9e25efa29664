using Orleans.Betting.Client.Commands;

namespace Orleans.Betting.Client;

/// <summary>The operator's console: <c>Orleans.Betting.Client [--gateway host:port[,host:port]] command [--json]</c>.</summary>
public static class ClientProgram
{
    public static Task<int> RunAsync(string[] args) => BuildRoot().Parse(args).InvokeAsync();

    /// <summary>Every command of the client, as the command line parses them.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("Orleans.Betting console client: operate and watch the betting cluster.");
        var connection = new ConnectionOptions();
        connection.AddTo(root);

        root.Subcommands.Add(StatusCommand.Create(connection));
        root.Subcommands.Add(DataCommands.Create(connection));
        root.Subcommands.Add(OddsCommands.Create(connection));
        root.Subcommands.Add(LiveCommands.Create(connection));
        root.Subcommands.Add(BacktestCommand.Create(connection));
        root.Subcommands.Add(StorageCommand.Create(connection));
        foreach (var command in SwarmCommands.Create(connection))
        {
            root.Subcommands.Add(command);
        }

        foreach (var command in AgentCommands.Create(connection))
        {
            root.Subcommands.Add(command);
        }

        foreach (var command in HealthCommands.Create(connection))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }
}
