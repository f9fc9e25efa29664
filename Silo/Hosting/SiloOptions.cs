using Microsoft.Extensions.Options;
using Orleans.Betting.Agents;
using Orleans.Betting.Configuration;
using Orleans.Betting.Health;
using Orleans.Betting.Market;

namespace Orleans.Betting.Silo.Hosting;

/// <summary>The host's own typed options (the grains' are <see cref="BettingOptions"/>, registered with the grain services).</summary>
public static class SiloOptions
{
    public static IServiceCollection AddSiloOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IValidateOptions<MainJobOptions>>(new SectionValidator<MainJobOptions>(_ => MainJobOptions.Section));
        services.AddOptions<MainJobOptions>().Bind(configuration.GetSection(MainJobOptions.Section)).ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Binds and validates every option before the silo touches storage, and decides the silo's roles.
    /// </summary>
    /// <exception cref="ConfigurationError">A bad value (all problems, each naming its key).</exception>
    public static SiloRoles Validate(IConfiguration configuration, SiloSettings settings)
    {
        using var provider = new ServiceCollection().AddBettingOptions(configuration).AddSiloOptions(configuration).BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return SiloRoles.From(
                settings,
                provider.GetRequiredService<IOptions<MainJobOptions>>().Value,
                provider.GetRequiredService<IOptions<AgentOptions>>().Value,
                provider.GetRequiredService<IOptions<MarketOptions>>().Value,
                provider.GetRequiredService<IOptions<HealthOptions>>().Value
            );
        }
        catch (Exception e) when (Problems(e) is { Count: > 0 } problems)
        {
            throw new ConfigurationError(string.Join("; ", problems));
        }
    }

    /// <summary>
    /// Validation failures, and the binder's conversion errors (its message names the key and the value:
    /// "Failed to convert configuration value 'x' at 'Betting:Agents:MaxDeployed' to type 'System.Int32'"),
    /// however many the start-up validator gathered; empty for anything else.
    /// </summary>
    public static IReadOnlyList<string> Problems(Exception e) =>
        e switch
        {
            OptionsValidationException v => v.Failures.ToList(),
            InvalidOperationException c when c.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
            [
                c.Message,
            ],
            AggregateException a when a.InnerExceptions.Select(Problems).ToList() is var inner && inner.All(p => p.Count > 0) => inner
                .SelectMany(p => p)
                .ToList(),
            _ => [],
        };
}
