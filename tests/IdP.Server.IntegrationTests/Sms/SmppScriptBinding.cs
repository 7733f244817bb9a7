using System.Globalization;
using IdP.Authentication.BuiltIn;
using IdP.Authentication.Engine;
using IdP.Authentication.Sms;
using IdP.Server.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.IntegrationTests.Sms;

/// <summary>Points the <c>smpp</c> script at an SMSC (settings in the database: every node on it follows) and waits for a node's session.</summary>
public static class SmppScriptBinding
{
    /// <summary>Sets host 127.0.0.1, <paramref name="port"/> and the credentials, and enables the script.</summary>
    public static async Task ConfigureAsync(IdPServer server, int port, string systemId, string password)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<AcrSettingsStore>();
        await store.SetPropertyAsync(SmppScript.AcrValue, SmppScriptSettings.Server, "127.0.0.1", CancellationToken.None);
        await store.SetPropertyAsync(SmppScript.AcrValue, SmppScriptSettings.Port, port.ToString(CultureInfo.InvariantCulture), CancellationToken.None);
        await store.SetPropertyAsync(SmppScript.AcrValue, SmppScriptSettings.SystemId, systemId, CancellationToken.None);
        await store.SetPropertyAsync(SmppScript.AcrValue, SmppScriptSettings.Password, password, CancellationToken.None);
        await store.SetEnabledAsync(SmppScript.AcrValue, true, CancellationToken.None);
    }

    /// <summary>
    /// Waits until <paramref name="server"/>'s SMPP session is ready (it picks settings up on its next poll);
    /// the timeout names the session's state and <paramref name="diagnostics"/>.
    /// </summary>
    public static async Task WaitUntilReadyAsync(IdPServer server, TimeSpan timeout, Func<string>? diagnostics = null)
    {
        var sender = server.Services.GetRequiredService<ISmsSender>();
        var deadline = DateTime.UtcNow + timeout;
        while (!sender.Status.IsReady)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The SMPP session did not bind: {sender.Status}. {diagnostics?.Invoke()}");
            }

            await Task.Delay(100);
        }
    }
}
