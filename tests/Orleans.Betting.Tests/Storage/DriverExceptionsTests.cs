using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Betting.Storage;
using Orleans.Serialization;

namespace Orleans.Betting.Tests.Storage;

/// <summary>
/// A refused or failed PostgreSQL write travels from the silo that met it to its caller inside
/// Orleans' storage exception: with the driver's namespace registered it arrives with the
/// database's own message; without it the serializer has no codec and the caller learns nothing.
/// </summary>
public sealed class DriverExceptionsTests
{
    private static Exception RoundTrip(Exception e, bool registered)
    {
        var services = new ServiceCollection().AddSerializer();
        if (registered)
        {
            services.AddDriverExceptions();
        }

        using var provider = services.BuildServiceProvider();
        var serializer = provider.GetRequiredService<Serializer>();
        return serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(e))!;
    }

    private static OrleansException StorageFailure() =>
        new(
            "Error from storage provider AdoNetGrainStorage.ledger during WriteStateAsync for grain paperledger/paper",
            new PostgresException("chaos: the ledger write is refused", "ERROR", "ERROR", "P0001")
        );

    [Fact]
    public void APostgresRefusalInsideAStorageErrorReachesTheCallerWithItsMessage()
    {
        var received = RoundTrip(StorageFailure(), registered: true);

        Assert.IsType<OrleansException>(received);
        Assert.Contains("paperledger/paper", received.Message, StringComparison.Ordinal);
        Assert.NotNull(received.InnerException);
        Assert.Contains("chaos: the ledger write is refused", received.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutTheDriverNamespaceTheSerializerHasNoCodecForIt() =>
        Assert.Throws<CodecNotFoundException>(() => RoundTrip(StorageFailure(), registered: false));
}
