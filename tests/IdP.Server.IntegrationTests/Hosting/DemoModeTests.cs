using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using IdP.Data.Entities;
using IdP.Server.Hosting;
using IdP.Server.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace IdP.Server.IntegrationTests.Hosting;

/// <summary>
/// Demo mode fails closed. Attack: the embedded default started on a reachable address (a container, a VM with
/// <c>--urls http://0.0.0.0:5000</c>) would have served the demo user, whose password is published, and
/// <c>/dev/sms</c>, which shows every sign-in code. Demo data, the SMSC simulator and <c>/dev/sms</c> exist only when
/// the embedded default listens on loopback only (or <c>IdP:Demo:Enabled=true</c>), and <c>/dev/sms</c> answers
/// loopback clients only.
/// </summary>
public sealed class DemoModeTests : IDisposable
{
    private readonly TempDataDirectory _data = new();

    private Dictionary<string, string> EmbeddedDefault()
    {
        var settings = _data.EmbeddedDefaultSettings();
        settings["IdP:SmscSimulator:Port"] = "0";
        return settings;
    }

    [Fact]
    public async Task EmbeddedDefault_ListeningOnAllInterfaces_HasNoDemoUserNoSimulatorNoDevSms()
    {
        await using var server = new IdPServer(EmbeddedDefault()).Start(IPAddress.Any);
        using var client = server.CreateOidcClient();

        using var devSms = await client.Http.GetAsync("/dev/sms");
        using var demoPage = await client.Http.GetAsync("/demo");
        await using var scope = server.Services.CreateAsyncScope();
        var demoUser = await scope.ServiceProvider.GetRequiredService<UserManager<IdPUser>>().FindByNameAsync(DemoSeeder.DemoUsername);
        var demoClient = await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().FindByClientIdAsync(DemoSeeder.DemoClientId);

        Assert.Contains(server.ListeningAddresses, a => a.Contains("0.0.0.0", StringComparison.Ordinal));
        Assert.False(server.Services.GetRequiredService<DemoMode>().IsOn);
        Assert.Null(demoUser);
        Assert.Null(demoClient);
        Assert.Null(server.Services.GetService<DevelopmentSmsc>()?.Simulator);
        Assert.Equal(HttpStatusCode.NotFound, devSms.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, demoPage.StatusCode);
    }

    [Fact]
    public async Task DevSms_ForcedDemoOnAllInterfaces_AnswersLoopbackClientsOnly()
    {
        var settings = EmbeddedDefault();
        settings["IdP:Demo:Enabled"] = "true";
        var remote = LocalNonLoopbackAddress();
        await using var server = new IdPServer(settings, remote is null ? SimulatedRemoteClient.Register : null).Start(IPAddress.Any);
        using var local = server.CreateOidcClient();
        var port = new Uri(server.Origin).Port;

        using var fromLoopback = await local.Http.GetAsync("/dev/sms");
        using var relayed = new HttpRequestMessage(HttpMethod.Get, "/dev/sms");
        relayed.Headers.Add("X-Forwarded-For", "198.51.100.23");
        using var fromProxy = await local.Http.SendAsync(relayed);
        HttpStatusCode fromRemote;
        if (remote is not null)
        {
            // A real connection to this machine's own non-loopback address: the server sees that address as the client.
            using var http = new HttpClient();
            using var response = await http.GetAsync($"http://{remote}:{port}/dev/sms");
            fromRemote = response.StatusCode;
        }
        else
        {
            using var simulated = new HttpRequestMessage(HttpMethod.Get, "/dev/sms");
            simulated.Headers.Add(SimulatedRemoteClient.Header, "1");
            using var response = await local.Http.SendAsync(simulated);
            fromRemote = response.StatusCode;
        }

        Assert.True(server.Services.GetRequiredService<DemoMode>().IsOn);
        Assert.NotNull(server.Services.GetRequiredService<DevelopmentSmsc>().Simulator);
        Assert.Equal(HttpStatusCode.OK, fromLoopback.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, fromRemote);
        Assert.Equal(HttpStatusCode.NotFound, fromProxy.StatusCode);
    }

    [Theory]
    [InlineData(true, "http://localhost:5000")]
    [InlineData(true, "http://127.0.0.1:5000", "http://[::1]:5000")]
    [InlineData(true, "https://127.0.0.2:5001")]
    [InlineData(false, "http://0.0.0.0:5000")]
    [InlineData(false, "http://[::]:8080")]
    [InlineData(false, "http://+:8080")]
    [InlineData(false, "http://*:8080")]
    [InlineData(false, "http://192.0.2.10:8080")]
    [InlineData(false, "http://login.example.com:8080")]
    [InlineData(false, "http://unix:/run/idp.sock")]
    [InlineData(false, "http://localhost:5000", "http://0.0.0.0:5001")]
    [InlineData(false)]
    public void IsLoopbackOnly_ListeningAddresses_OnlyLoopbackCounts(bool expected, params string[] addresses) =>
        Assert.Equal(expected, DemoMode.IsLoopbackOnly(addresses));

    /// <summary>An IPv4 address of this machine that is not loopback (a connection to it does not come from loopback), or null.</summary>
    private static IPAddress? LocalNonLoopbackAddress() => NetworkInterface.GetAllNetworkInterfaces()
        .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
        .SelectMany(n => n.GetIPProperties().UnicastAddresses)
        .Select(a => a.Address)
        .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));

    public void Dispose() => _data.Dispose();

    /// <summary>
    /// Only for machines without a non-loopback interface: a test-only startup filter that makes a request carrying
    /// <see cref="Header"/> arrive from a documentation address (RFC 5737), as a connection from elsewhere would.
    /// </summary>
    private sealed class SimulatedRemoteClient : IStartupFilter
    {
        public const string Header = "X-Test-Simulated-Remote-Client";

        public static void Register(IServiceCollection services) => services.AddSingleton<IStartupFilter, SimulatedRemoteClient>();

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate following) =>
            {
                if (context.Request.Headers.ContainsKey(Header))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.50");
                }

                return following(context);
            });
            next(app);
        };
    }
}
