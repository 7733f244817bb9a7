using IdP.Data.Entities;
using IdP.Server.Commands;
using IdP.Server.IntegrationTests.Infrastructure;
using IdP.Server.IntegrationTests.SmsSignIn;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.IntegrationTests.Mail;

/// <summary>
/// <c>IdP:Mail</c> is checked when the server starts, with messages an operator can act on; a server without mail says
/// so once at start and records every e-mail notice it could not send (fail visible, never silently dropped).
/// </summary>
public sealed class MailOptionsTests
{
    [Theory]
    [InlineData("IdP:Mail:Host=smtp.example.com", "IdP:Mail:From must be the sender's e-mail address")]
    [InlineData("IdP:Mail:Host=smtp.example.com;IdP:Mail:From=not-an-address", "IdP:Mail:From must be the sender's e-mail address")]
    [InlineData("IdP:Mail:From=idp@example.com", "IdP:Mail:Host is empty")]
    [InlineData("IdP:Mail:Host=smtp.example.com;IdP:Mail:From=idp@example.com;IdP:Mail:Username=idp", "Username and IdP:Mail:Password go together")]
    [InlineData("IdP:Mail:Host=smtp.example.com;IdP:Mail:From=idp@example.com;IdP:Mail:Security=None;IdP:Mail:Username=idp;IdP:Mail:Password=pw", "plain text")]
    [InlineData("IdP:Mail:Host=smtp.example.com;IdP:Mail:From=idp@example.com;IdP:Mail:Port=70000", "IdP:Mail:Port must be between 1 and 65535")]
    [InlineData("IdP:Mail:Host=smtp.example.com;IdP:Mail:From=idp@example.com;IdP:Mail:ServerCertificateSha256=abc", "64 hex digits")]
    [InlineData("IdP:Mail:Host=smtp.example.com;IdP:Mail:From=idp@example.com;IdP:Mail:Timeout=00:30:00", "IdP:Mail:Timeout must be between")]
    public async Task Start_InvalidMailSetting_FailsWithClearMessage(string pairs, string expected)
    {
        var settings = IdPServer.PostgresSettings("Host=127.0.0.1;Port=1;Database=unused;Username=nobody;Password=none");
        foreach (var pair in pairs.Split(';'))
        {
            var (key, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            settings[key] = value;
        }

        await using var server = new IdPServer(settings);

        var error = Assert.ThrowsAny<Exception>(() => server.Start());

        var messages = StartupFailure.Messages(error);
        Assert.Contains(expected, messages, StringComparison.Ordinal);
        Assert.DoesNotContain("=pw", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoMailConfigured_SaidOnceAtStart_AndAnEmailNoticeIsRecordedAsNotSent_TheChangeStands()
    {
        await using var database = await TestDatabase.CreateAsync();
        var logs = new LogCapture();
        var settings = IdPServer.PostgresSettings(database.ConnectionString);
        settings["Logging:LogLevel:Default"] = "Information";
        await using var server = new IdPServer(settings, s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs)).Start();
        var user = await server.CreateUserAsync(phone: null);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CommandLine.RunAsync(server.Services, ["users", "phone", "add", "--username", user.Username, "--phone", "+4915187654321"], output, error, CancellationToken.None);

        Assert.True(exit == 0, $"exit {exit}: {output}{error}");
        Assert.Single(logs.Lines, l => l.Contains("OPERATOR: e-mail is not configured", StringComparison.Ordinal));
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdP.Data.IdPDbContext>();
        Assert.True(await db.UserPhones.AnyAsync(p => p.UserId == user.Id && p.VerifiedAt != null));
        var notice = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.UserId == user.Id && e.Type.StartsWith("notice."));
        Assert.Equal(AuditEventTypes.NoticeNotSent, notice.Type);
        Assert.Equal("e-mail 'phone added' not sent: e-mail is not configured on this server (IdP:Mail:Host)", notice.Detail);
    }
}
