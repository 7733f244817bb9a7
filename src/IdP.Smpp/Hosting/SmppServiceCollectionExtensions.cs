using IdP.Smpp.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdP.Smpp.Hosting;

/// <summary>Registration of the SMPP client and simulator in a host.</summary>
public static class SmppServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="SmppClient"/> started and stopped with the host, with options validated on start.
    /// Bind configuration on the returned builder, e.g. <c>.BindConfiguration(SmppClientOptions.SectionName)</c>.
    /// </summary>
    public static OptionsBuilder<SmppClientOptions> AddSmppClient(this IServiceCollection services, Action<SmppClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<SmppClientOptions>();
        if (configure is not null) builder.Configure(configure);
        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmppClientOptions>, SmppClientOptionsValidator>());
        services.TryAddSingleton(sp => new SmppClient(
            sp.GetRequiredService<IOptions<SmppClientOptions>>().Value,
            sp.GetService<ILogger<SmppClient>>(),
            sp.GetService<TimeProvider>()));
        services.AddHostedService<SmppClientHostedService>();
        return builder;
    }

    /// <summary>Registers a singleton <see cref="SmscSimulator"/> running with the host (for Development).</summary>
    public static OptionsBuilder<SmscSimulatorOptions> AddSmscSimulator(this IServiceCollection services, Action<SmscSimulatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<SmscSimulatorOptions>();
        if (configure is not null) builder.Configure(configure);
        services.TryAddSingleton(sp => new SmscSimulator(
            sp.GetRequiredService<IOptions<SmscSimulatorOptions>>().Value,
            sp.GetService<ILogger<SmscSimulator>>(),
            sp.GetService<TimeProvider>()));
        services.AddHostedService<SmscSimulatorHostedService>();
        return builder;
    }
}
