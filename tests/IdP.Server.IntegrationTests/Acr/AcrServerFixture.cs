using IdP.Authentication.Engine;
using IdP.Server.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.IntegrationTests.Acr;

/// <summary>
/// A server with the test plugin (<c>tests/IdP.TestPlugin</c>, acr <c>test-code</c>, level 20)
/// in its plugins folder, enabled, and a 1-second settings cache so that changes made on another
/// node show quickly.
/// </summary>
public sealed class AcrServerFixture : IdPServerFixture
{
    public static readonly TimeSpan SettingsCache = TimeSpan.FromSeconds(1);

    /// <summary>The plugin's build output, used in place (every host in this process loads the same file).</summary>
    public static string PluginsDirectory
    {
        get
        {
            // tests/IdP.Server.IntegrationTests/bin/<Configuration>/<tfm>/ → tests/IdP.TestPlugin/bin/<Configuration>/<tfm>/
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = output.Parent!.Name;
            var tests = output.Parent!.Parent!.Parent!.Parent!.FullName;
            var directory = Path.Combine(tests, "IdP.TestPlugin", "bin", configuration, output.Name);
            return File.Exists(Path.Combine(directory, "IdP.TestPlugin.dll"))
                ? directory
                : throw new InvalidOperationException($"The test plugin is not built in {directory}: build the solution (./test.sh does).");
        }
    }

    protected override void Configure(Dictionary<string, string> settings)
    {
        settings["IdP:Authentication:PluginsDirectory"] = PluginsDirectory;
        settings["IdP:Authentication:SettingsCacheDuration"] = SettingsCache.ToString();
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var scope = Server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AcrSettingsStore>().SetEnabledAsync("test-code", true, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<AcrSettingsStore>().SetAliasAsync("urn:idp:acr:test", "test-code", CancellationToken.None);
    }
}
