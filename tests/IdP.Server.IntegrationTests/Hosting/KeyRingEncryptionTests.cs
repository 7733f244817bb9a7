using System.Net;
using IdP.Server.IntegrationTests.Infrastructure;
using IdP.Server.IntegrationTests.SmsSignIn;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.IntegrationTests.Hosting;

/// <summary>
/// The Data Protection key ring is encrypted at rest with a certificate. Attack: a database dump or backup held the
/// key ring in clear (<c>&lt;masterKey&gt;</c>), which decrypts the stored signing keys and forges any session
/// cookie. With <c>IdP:DataProtection:Certificate</c> the rows hold only XML-encrypted secrets; Production refuses to
/// start without the certificate (ASVS 5.0 V11.4.x, V13.3.1: secrets protected at rest, keys not stored with data).
/// </summary>
public sealed class KeyRingEncryptionTests
{
    private const string Unreachable = "Host=127.0.0.1;Port=1;Database=unused;Username=nobody;Password=none";

    [Fact]
    public async Task KeyRing_WithCertificate_NoPlaintextKeyStoredAndASecondNodeReadsTheFirstsCookies()
    {
        await using var database = await TestDatabase.CreateAsync();
        var settings = IdPServer.PostgresSettings(database.ConnectionString);
        settings["IdP:DataProtection:Certificate:Path"] = TestCertificates.WritePfx(TestCertificates.CreateRsa("CN=key ring of this test"), "pfx-secret");
        settings["IdP:DataProtection:Certificate:Password"] = "pfx-secret";
        await using var first = new IdPServer(settings).Start();
        var user = await first.CreateUserAsync();
        var rp = await first.CreateClientAsync();
        using var browser = first.CreateOidcClient();
        await browser.SignInAsync(AuthorizeRequest.For(rp), user);
        var session = browser.Cookies.GetCookies(new Uri(first.Origin))["idp.session"]?.Value;
        Assert.False(string.IsNullOrEmpty(session), "no session cookie after the sign-in");

        // Another node (same database, same certificate, its own process state) gets the first node's cookie.
        await using var second = new IdPServer(settings).Start();
        using var sameBrowser = second.CreateOidcClient();
        sameBrowser.Cookies.Add(new Uri(second.Origin), new Cookie("idp.session", session));
        var silent = await sameBrowser.AuthorizeAsync(AuthorizeRequest.For(rp) with { Prompt = "none" });

        Assert.True(await database.CountAsync("SELECT count(*) FROM \"DataProtectionKeys\"") >= 1);
        Assert.Equal(0, await database.CountAsync("SELECT count(*) FROM \"DataProtectionKeys\" WHERE \"Xml\" LIKE '%<masterKey%'"));
        Assert.Equal(
            await database.CountAsync("SELECT count(*) FROM \"DataProtectionKeys\""),
            await database.CountAsync("SELECT count(*) FROM \"DataProtectionKeys\" WHERE \"Xml\" LIKE '%<encryptedSecret%' AND \"Xml\" LIKE '%EncryptedXmlDecryptor%' AND \"Xml\" LIKE '%<EncryptedData%'"));
        Assert.True(silent.Callback.ContainsKey("code"), $"the second node did not accept the first node's session cookie: {silent}");
    }

    [Fact]
    public async Task KeyRing_CopyOfTheDatabaseWithAnotherCertificate_CannotBeRead()
    {
        await using var database = await TestDatabase.CreateAsync();
        var settings = IdPServer.PostgresSettings(database.ConnectionString);
        var owner = new IdPServer(settings).Start();
        await owner.DisposeAsync();
        Assert.Equal(2, await database.CountAsync("SELECT count(*) FROM \"IdPServerKeys\""));

        settings["IdP:DataProtection:Certificate:Path"] = TestCertificates.WritePfx(TestCertificates.CreateRsa("CN=someone else's certificate"), "other");
        settings["IdP:DataProtection:Certificate:Password"] = "other";
        await using var thief = new IdPServer(settings);

        var error = Record.Exception(() => thief.Start());

        // The stored signing keys are protected by the key ring, which the other certificate cannot decrypt.
        Assert.NotNull(error);
        Assert.Contains("cannot be decrypted", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ProductionWithoutCertificate_IsRefusedSayingWhatToSet()
    {
        var settings = IdPServer.PostgresSettings(Unreachable);
        settings.Remove("IdP:DataProtection:Certificate:Path");
        settings.Remove("IdP:DataProtection:Certificate:Password");
        await using var server = new IdPServer(settings);

        var error = Record.Exception(() => server.Start());

        Assert.NotNull(error);
        Assert.Contains("IdP:DataProtection:Certificate:Path", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("unencrypted", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wrong password", "could not be opened as a PFX")]
    [InlineData("missing file", "does not exist")]
    [InlineData("unknown thumbprint", "was not found in the personal certificate store")]
    [InlineData("path and thumbprint", "not both")]
    public async Task Start_BadCertificateSettings_AreRefusedWithTheReason(string problem, string reason)
    {
        var settings = IdPServer.PostgresSettings(Unreachable);
        switch (problem)
        {
            case "wrong password":
                settings["IdP:DataProtection:Certificate:Password"] = "not-the-password";
                break;
            case "missing file":
                settings["IdP:DataProtection:Certificate:Path"] = Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N") + ".pfx");
                break;
            case "unknown thumbprint":
                settings.Remove("IdP:DataProtection:Certificate:Path");
                settings["IdP:DataProtection:Certificate:Thumbprint"] = new string('A', 40);
                break;
            default:
                settings["IdP:DataProtection:Certificate:Thumbprint"] = new string('A', 40);
                break;
        }

        await using var server = new IdPServer(settings);

        var error = Record.Exception(() => server.Start());

        Assert.NotNull(error);
        Assert.Contains(reason, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_DevelopmentWithoutCertificate_StartsAndWarns()
    {
        await using var database = await TestDatabase.CreateAsync();
        var settings = IdPServer.PostgresSettings(database.ConnectionString);
        settings.Remove("IdP:DataProtection:Certificate:Path");
        settings.Remove("IdP:DataProtection:Certificate:Password");
        settings["environment"] = "Development";
        var logs = new LogCapture();
        await using var server = new IdPServer(settings, services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs)).Start();
        using var client = server.CreateOidcClient();

        using var health = await client.Http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("stored UNENCRYPTED", StringComparison.Ordinal));
        Assert.Equal(1, await database.CountAsync("SELECT count(*) FROM \"DataProtectionKeys\" WHERE \"Xml\" LIKE '%<masterKey%'"));
    }
}
