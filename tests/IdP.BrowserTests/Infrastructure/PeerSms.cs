using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using IdP.Authentication.BuiltIn;
using IdP.Authentication.Engine;
using IdP.Authentication.Sms;
using IdP.Server.IntegrationTests.Infrastructure;
using IdP.Server.IntegrationTests.Sms;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.BrowserTests.Infrastructure;

/// <summary>
/// The real SMS path for browser tests: the node's SMPP session (the server's <see cref="ISmsSender"/>) bound to
/// the independent npm <c>smpp</c> SMSC of <c>tests/peers/smsc.js</c>; codes and notices are read from the peer's
/// submit events, never from inside the server.
/// </summary>
public sealed partial class PeerSms(SmscPeer peer) : IAsyncDisposable
{
    /// <summary>The credentials the peer accepts (SMPP: system_id up to 15, password up to 8 characters).</summary>
    public const string SystemId = "idp-browser";

    public const string Password = "br0wsr8";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public SmscPeer Peer => peer;

    /// <summary>Server settings for SMS tests: every test signs in from 127.0.0.1, so the send limits are raised.</summary>
    public static void Configure(Dictionary<string, string> settings)
    {
        settings["IdP:Authentication:SettingsCacheDuration"] = "00:00:01";
        settings["IdP:Sms:PerAddressLimit"] = "100000";
        settings["IdP:Sms:HourlyBudget"] = "100000";
    }

    /// <summary>Starts the peer, points the <c>smpp</c> script at it, enables it and waits until the node's session is bound.</summary>
    public static async Task<PeerSms> StartAsync(IdPServer server)
    {
        var peer = await SmscPeer.StartAsync(systemId: SystemId, password: Password);
        try
        {
            await SmppScriptBinding.ConfigureAsync(server, peer.Port, SystemId, Password);

            // The node's session picks the settings up on its next poll; tests start once it is bound to the peer.
            await SmppScriptBinding.WaitUntilReadyAsync(server, Timeout, peer.Diagnostics);
            await peer.WaitForAsync(e => SmscPeer.Is(e, "bind") && SmscPeer.Int(e, "result") == 0, Timeout);
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }

        return new PeerSms(peer);
    }

    /// <summary>Sets an <c>smpp</c> script property (e.g. <c>enrollment</c>); the store drops its cache on writes.</summary>
    public static async Task SetPropertyAsync(IdPServer server, string key, string value)
    {
        await using var scope = server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AcrSettingsStore>().SetPropertyAsync(SmppScript.AcrValue, key, value, CancellationToken.None);
    }

    /// <summary>The peer's count of submits so far: pass it to the waits below to see only later messages.</summary>
    public int Mark() => peer.Events.Where(e => SmscPeer.Is(e, "submit")).Select(e => SmscPeer.Int(e, "n")).DefaultIfEmpty(0).Max();

    /// <summary>The code of the first sign-in code message after <paramref name="mark"/> to one of <paramref name="destinations"/> (any when none given).</summary>
    public async Task<string> NextCodeAsync(int mark, params string[] destinations) => (await NextCodeWithDestinationAsync(mark, destinations)).Code;

    /// <summary>The same, with the number (E.164) it went to.</summary>
    public async Task<(string Destination, string Code)> NextCodeWithDestinationAsync(int mark, params string[] destinations)
    {
        var wanted = destinations.Select(Address).ToHashSet(StringComparer.Ordinal);
        var submit = await peer.WaitForAsync(
            e => IsAccepted(e, mark) && (wanted.Count == 0 || wanted.Contains(SmscPeer.Str(e, "destination") ?? "")) && CodeLine().IsMatch(SmscPeer.Str(e, "text") ?? ""),
            Timeout);
        return ("+" + SmscPeer.Str(submit, "destination"), CodeLine().Match(SmscPeer.Str(submit, "text")!).Groups[1].Value);
    }

    /// <summary>The destinations (E.164) of the accepted submits after <paramref name="mark"/>.</summary>
    public IReadOnlyList<string> DestinationsAfter(int mark) =>
        [.. peer.Events.Where(e => IsAccepted(e, mark)).Select(e => "+" + SmscPeer.Str(e, "destination"))];

    /// <summary>The texts (segments joined) sent to <paramref name="e164"/> after <paramref name="mark"/>.</summary>
    public string TextTo(string e164, int mark = 0) => string.Concat(SubmitsTo(e164, mark).Select(e => SmscPeer.Str(e, "text")));

    /// <summary>Waits until the texts to <paramref name="e164"/> after <paramref name="mark"/> satisfy <paramref name="done"/>; returns them.</summary>
    public async Task<string> WaitForTextToAsync(string e164, int mark, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow + Timeout;
        var seen = mark;
        while (true)
        {
            var submits = SubmitsTo(e164, mark);
            var text = string.Concat(submits.Select(e => SmscPeer.Str(e, "text")));
            if (done(text))
            {
                return text;
            }

            seen = submits.Select(e => SmscPeer.Int(e, "n")).DefaultIfEmpty(seen).Max();
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No matching text to {e164}; got \"{text}\". {peer.Diagnostics()}");
            }

            var after = seen;
            await peer.WaitForAsync(e => IsAccepted(e, after) && SmscPeer.Str(e, "destination") == Address(e164), remaining);
        }
    }

    private List<JsonElement> SubmitsTo(string e164, int mark) =>
        [.. peer.Events.Where(e => IsAccepted(e, mark) && SmscPeer.Str(e, "destination") == Address(e164)).OrderBy(e => SmscPeer.Int(e, "n"))];

    private static bool IsAccepted(JsonElement e, int mark) =>
        SmscPeer.Is(e, "submit") && SmscPeer.Int(e, "status") == 0 && SmscPeer.Int(e, "n") > mark;

    /// <summary>destination_addr as the node sends it: E.164 without the plus (TON international).</summary>
    private static string Address(string e164) => e164.TrimStart('+');

    public ValueTask DisposeAsync() => peer.DisposeAsync();

    /// <summary>The origin-bound last line of every code message: <c>@host #code</c>.</summary>
    [GeneratedRegex(@"#(\d{4,10})\s*$")]
    private static partial Regex CodeLine();
}
