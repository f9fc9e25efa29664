using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.Betting.Serialization;

/// <summary>JSON form of a <see cref="ITextForm{T}"/> value: its canonical text as a JSON string.</summary>
public sealed class TextFormJsonConverter<T> : JsonConverter<T>
    where T : class, ITextForm<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? T.Parse(reader.GetString()!)
            : throw new JsonException($"a {typeof(T).Name} is written as a string, found {reader.TokenType}");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Text);
}
