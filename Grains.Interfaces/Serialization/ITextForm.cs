namespace Orleans.Betting.Serialization;

/// <summary>
/// A value whose canonical form is one line of text (<see cref="Text"/>), parsed back by <see cref="Parse"/>.
/// Such a value travels and is stored as that text (<see cref="TextFormCodec{T}"/>, <see cref="TextFormJsonConverter{T}"/>),
/// so a field that held the text before it had a type reads the rows written then.
/// </summary>
public interface ITextForm<TSelf>
    where TSelf : class, ITextForm<TSelf>
{
    /// <summary>The canonical text; <c>Parse(Text)</c> gives back an equal value.</summary>
    string Text { get; }

    /// <summary>Reads the text; throws (a <see cref="FormatException"/> or <see cref="ArgumentException"/>) naming the text and what is wrong with it.</summary>
    static abstract TSelf Parse(string text);
}
