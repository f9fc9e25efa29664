using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Orleans.Betting.Storage;

/// <summary>
/// A storage failure raised on one silo reaches its caller on another (or the client) with the
/// driver's exception inside Orleans' own. Orleans serializes exceptions only from namespaces it
/// is told about (Microsoft.*, System.*, Orleans.*): Npgsql's exceptions were not, so the caller
/// got a CodecNotFoundException instead of the database's message (a health remediation failed on
/// it during a refused write). Silos and clients both register the driver's namespace.
/// </summary>
public static class DriverExceptions
{
    public const string NpgsqlNamespace = "Npgsql";

    public static IServiceCollection AddDriverExceptions(this IServiceCollection services) =>
        services.Configure<ExceptionSerializationOptions>(o =>
        {
            if (!o.SupportedNamespacePrefixes.Contains(NpgsqlNamespace))
            {
                o.SupportedNamespacePrefixes.Add(NpgsqlNamespace);
            }
        });
}
