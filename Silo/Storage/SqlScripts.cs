using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Orleans.Betting.Silo.Storage;

/// <summary>The embedded SQL of one engine: the schema and the query texts keyed by Orleans' query key.</summary>
public sealed record SqlScripts(string Schema, IReadOnlyList<KeyValuePair<string, string>> Queries, string Checksum)
{
    public static SqlScripts Load(DatabaseEngine engine)
    {
        var folder = engine == DatabaseEngine.Sqlite ? "sqlite" : "postgresql";
        var assembly = typeof(SqlScripts).Assembly;
        var schema = Read(assembly, $"sql/{folder}/schema.sql");
        var prefix = $"sql/{folder}/queries/";
        var queries = assembly
            .GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => KeyValuePair.Create(n[prefix.Length..^4], Read(assembly, n)))
            .ToArray();
        if (queries.Length == 0)
        {
            throw new InvalidOperationException($"No embedded query files under {prefix}: the build is broken.");
        }

        var hash = new StringBuilder(schema);
        foreach (var (key, text) in queries)
        {
            hash.Append('\0').Append(key).Append('\0').Append(text);
        }

        var checksum = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(hash.ToString())))[..16].ToLowerInvariant();
        return new SqlScripts(schema, queries, checksum);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream =
            assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded SQL '{name}' is missing: the build is broken.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
