using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.Betting.Operations;

/// <summary>
/// The one JSON form of every operator answer, the client's <c>--json</c> and the silo's <c>/api</c>
/// alike: camel-case names, enums by name, a figure that is not a finite number ("NaN") by name.
/// </summary>
public static class OperatorJson
{
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.Converters.Add(new JsonStringEnumConverter());
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals | JsonNumberHandling.AllowReadingFromString;
        return options;
    }

    public static JsonSerializerOptions Indented { get; } =
        Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });

    public static JsonSerializerOptions Compact { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
}
