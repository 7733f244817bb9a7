using IdP.Server.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.IntegrationTests.Hosting;

/// <summary>A server whose clock (TimeProvider, used by OpenIddict, the session and the sign-in flows) tests can move forward.</summary>
public sealed class ShiftedClockFixture : IdPServerFixture
{
    public ShiftedTimeProvider Clock { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}
