using System.Buffers;
using System.Text;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Codecs;
using Orleans.Serialization.WireProtocol;

namespace Orleans.Betting.Serialization;

/// <summary>
/// Orleans codec writing a <see cref="ITextForm{T}"/> value exactly as Orleans writes a string (a length-prefixed
/// UTF-8 field, reference-tracked), so the bytes of a field typed <typeparamref name="T"/> are the bytes the same
/// field had when it was a string, and stored rows from before the type read unchanged.
/// </summary>
public abstract class TextFormCodec<T> : IFieldCodec<T>
    where T : class, ITextForm<T>
{
    public void WriteField<TBufferWriter>(ref Writer<TBufferWriter> writer, uint fieldIdDelta, Type? expectedType, T? value)
        where TBufferWriter : IBufferWriter<byte>
    {
        // Null and a value already written in this message become references, as for a string.
        if (ReferenceCodec.TryWriteReferenceField(ref writer, fieldIdDelta, expectedType, value))
        {
            return;
        }

        var text = value.Text;
        writer.WriteFieldHeader(fieldIdDelta, expectedType, typeof(T), WireType.LengthPrefixed);
        var bytes = Encoding.UTF8.GetByteCount(text);
        writer.WriteVarUInt32((uint)bytes);
        StringCodec.WriteRaw(ref writer, text, bytes);
    }

    public T ReadValue<TInput>(ref Reader<TInput> reader, Field field)
    {
        if (field.WireType == WireType.Reference)
        {
            // Rows written while the field was a string may refer back to that string.
            return ReferenceCodec.ReadReference(ref reader, (Type?)null) switch
            {
                null => null!,
                T value => value,
                string text => T.Parse(text),
                var other => throw new FormatException($"a {typeof(T).Name} field refers to a {other.GetType().Name}"),
            };
        }

        field.EnsureWireType(WireType.LengthPrefixed);
        var raw = StringCodec.ReadRaw(ref reader, reader.ReadVarUInt32());
        var result = T.Parse(raw);
        ReferenceCodec.RecordObject(reader.Session, result);
        return result;
    }
}
