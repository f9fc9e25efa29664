using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.Betting.Client.Infrastructure;

/// <summary>Every command's <c>--json</c>: one option, one serializer (camel-case names, enums by name, non-finite numbers by name), one object on stdout.</summary>
public static class JsonOutput
{
    public static readonly JsonSerializerOptions Options = Orleans.Betting.Operations.OperatorJson.Indented;

    /// <summary>A fresh <c>--json</c> option (an option instance belongs to one command).</summary>
    public static Option<bool> Option(string description = "Print one JSON object instead of tables") =>
        new("--json") { Description = description };

    /// <summary>Whether the command being run has <c>--json</c> and it was given.</summary>
    public static bool Requested(ParseResult parse) =>
        parse.CommandResult.Command.Options.OfType<Option<bool>>().FirstOrDefault(o => o.Name == "--json") is { } option
        && parse.GetValue(option);

    public static void Write<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Options));
}
