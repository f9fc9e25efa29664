using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Orleans.Betting.Silo.Security;

public static class CallAuthorizationHosting
{
    /// <summary>
    /// The gate on operator methods (<see cref="CallAuthorization"/>) and the stamp on the silos' own
    /// calls; <paramref name="internalCallKey"/> is the shared key read from the database.
    /// </summary>
    public static ISiloBuilder AddCallAuthorization(this ISiloBuilder silo, OperatorPolicy policy, byte[]? internalCallKey)
    {
        var key =
            internalCallKey
            ?? throw new InvalidOperationException("operator checks need the internal-call key: read it after the migration");
        silo.Services.AddSingleton(services => new InternalCallStamp(key, services.GetRequiredService<TimeProvider>()));
        silo.Services.AddSingleton(services => new OperatorAccess(policy, services.GetRequiredService<TimeProvider>()));
        silo.Services.TryAddSingleton<Orleans.Betting.Security.ClientAllowList>();
        silo.AddIncomingGrainCallFilter<CallAuthorization>();
        silo.AddOutgoingGrainCallFilter<CallAuthorization.Stamping>();
        return silo;
    }
}
