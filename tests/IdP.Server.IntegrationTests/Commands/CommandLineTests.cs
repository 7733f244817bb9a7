using IdP.Data;
using IdP.Data.Entities;
using IdP.Server.Commands;
using IdP.Server.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace IdP.Server.IntegrationTests.Commands;

/// <summary>The admin command line of the same executable, against the fixture's PostgreSQL database.</summary>
[Collection(ServerCollections.Pages)]
public sealed class CommandLineTests(IdPServerFixture fixture)
{
    private IdPServer Server => fixture.Server;

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CommandLine.RunAsync(Server.Services, args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    private async Task<bool> UserExistsAsync(string username)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<IdPUser>>().FindByNameAsync(username) is not null;
    }

    private async Task<bool> ClientExistsAsync(string clientId)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var application = await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().FindByClientIdAsync(clientId);
        var settings = await scope.ServiceProvider.GetRequiredService<IdPDbContext>().ClientSettings.AnyAsync(s => s.ClientId == clientId);
        return application is not null || settings;
    }

    private static string NewName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    private static void AssertOneLineError((int Exit, string Out, string Err) result, string expected)
    {
        Assert.Equal(2, result.Exit);
        var lines = result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task UsersAdd_ValidInput_CreatesUserThatCanSignIn()
    {
        var username = NewName("cli");

        var result = await RunAsync("users", "add", "--username", username, "--password", "a-long-password-1", "--email", username + "@example.com", "--phone", "+49 151 1234 5678", "--name", "Cli User");
        var list = await RunAsync("users", "list");

        Assert.Equal(0, result.Exit);
        Assert.Contains($"Created user '{username}'", result.Out, StringComparison.Ordinal);
        Assert.Equal("", result.Err);
        var line = Assert.Single(list.Out.Split('\n'), l => l.StartsWith(username + "\t", StringComparison.Ordinal));
        Assert.Contains("(verified)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("15112345678", line, StringComparison.Ordinal);

        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        var tokens = await client.SignInAndExchangeAsync(rp, new TestUser("", username, "a-long-password-1", null, null), "openid phone");
        Assert.Equal("+4915112345678", Jwt.Payload(tokens.IdToken).GetProperty("phone_number").GetString());
    }

    [Theory]
    [InlineData("--phone", "+12", "Phone number")]
    [InlineData("--phone", "015112345678", "international format")]
    [InlineData("--phone", "+4915112", "Phone number")]
    [InlineData("--email", "not-an-email", "not a valid address")]
    [InlineData("--password", "short", "12")]
    [InlineData("--bogus", "x", "Unknown option")]
    public async Task UsersAdd_BadInput_ExitsTwoWithOneLineAndWritesNothing(string option, string value, string expected)
    {
        var username = NewName("bad");
        var args = new List<string> { "users", "add", "--username", username };
        if (option != "--password")
        {
            args.AddRange(["--password", "a-long-password-1"]);
        }

        args.AddRange([option, value]);

        var result = await RunAsync(args.ToArray());

        AssertOneLineError(result, expected);
        Assert.False(await UserExistsAsync(username));
    }

    [Fact]
    public async Task UsersAdd_DuplicateUsername_ExitsTwo()
    {
        var username = NewName("dup");
        Assert.Equal(0, (await RunAsync("users", "add", "--username", username, "--password", "a-long-password-1")).Exit);

        var again = await RunAsync("users", "add", "--username", username, "--password", "a-long-password-2");

        AssertOneLineError(again, "already exists");
    }

    [Fact]
    public async Task ClientsAdd_PublicClient_IsListedAndUsable()
    {
        var clientId = NewName("cli-client");

        var result = await RunAsync("clients", "add", "--client-id", clientId, "--public", "--redirect-uri", "http://127.0.0.1:8765/cb",
            "--redirect-uri", "https://app.example.com/cb", "--post-logout-redirect-uri", "https://app.example.com/", "--consent", "implicit", "--scopes", "openid profile");
        var list = await RunAsync("clients", "list");

        Assert.Equal(0, result.Exit);
        Assert.Contains($"Created public client '{clientId}'", result.Out, StringComparison.Ordinal);
        var line = Assert.Single(list.Out.Split('\n'), l => l.StartsWith(clientId + "\t", StringComparison.Ordinal));
        Assert.Contains("public", line, StringComparison.Ordinal);
        Assert.Contains("https://app.example.com/cb", line, StringComparison.Ordinal);

        var user = await Server.CreateUserAsync();
        using var client = Server.CreateOidcClient();
        var tokens = await client.SignInAndExchangeAsync(new TestClient(clientId, null, "https://app.example.com/cb", null), user);
        Assert.Equal(user.Id, Jwt.Payload(tokens.IdToken).GetProperty("sub").GetString());
    }

    [Fact]
    public async Task ClientsAdd_ConfidentialWithClientCredentials_GetsTokens()
    {
        var clientId = NewName("cli-svc");
        var secret = "0123456789abcdef0123456789abcdef-secret";

        var result = await RunAsync("clients", "add", "--client-id", clientId, "--secret", secret, "--client-credentials", "--scopes", "profile");
        using var client = Server.CreateOidcClient();
        var tokens = await client.ClientCredentialsAsync(new TestClient(clientId, secret, "", null));

        Assert.Equal(0, result.Exit);
        Assert.True(tokens.IsSuccess, tokens.ToString());
    }

    [Theory]
    [InlineData("http-non-loopback", "uses http for a non-loopback host")]
    [InlineData("public-with-secret", "cannot have a --secret")]
    [InlineData("unknown-scope", "Unknown scope 'admin'")]
    [InlineData("short-secret", "at least 32 characters")]
    [InlineData("no-redirect", "At least one --redirect-uri")]
    [InlineData("bad-consent", "--consent must be")]
    [InlineData("public-no-pkce", "PKCE cannot be turned off")]
    [InlineData("fragment", "must not contain a fragment")]
    [InlineData("relative", "Redirect URI '/cb'")]
    [InlineData("javascript", "forbidden scheme")]
    [InlineData("confidential-no-secret", "needs --secret")]
    [InlineData("missing-id", "--client-id is required")]
    public async Task ClientsAdd_BadInput_ExitsTwoWithOneLineAndWritesNothing(string problem, string expected)
    {
        var clientId = NewName("bad-client");
        const string secret = "0123456789abcdef0123456789abcdef-secret";
        string[] args = problem switch
        {
            "http-non-loopback" => ["--client-id", clientId, "--public", "--redirect-uri", "http://app.example.com/cb"],
            "public-with-secret" => ["--client-id", clientId, "--public", "--secret", secret, "--redirect-uri", "https://app.example.com/cb"],
            "unknown-scope" => ["--client-id", clientId, "--public", "--redirect-uri", "https://app.example.com/cb", "--scopes", "openid admin"],
            "short-secret" => ["--client-id", clientId, "--secret", "too-short", "--redirect-uri", "https://app.example.com/cb"],
            "no-redirect" => ["--client-id", clientId, "--public"],
            "bad-consent" => ["--client-id", clientId, "--public", "--redirect-uri", "https://app.example.com/cb", "--consent", "maybe"],
            "public-no-pkce" => ["--client-id", clientId, "--public", "--no-pkce", "--redirect-uri", "https://app.example.com/cb"],
            "fragment" => ["--client-id", clientId, "--public", "--redirect-uri", "https://app.example.com/cb#x"],
            "relative" => ["--client-id", clientId, "--public", "--redirect-uri", "/cb"],
            "javascript" => ["--client-id", clientId, "--public", "--redirect-uri", "javascript:alert(1)"],
            "confidential-no-secret" => ["--client-id", clientId, "--redirect-uri", "https://app.example.com/cb"],
            _ => ["--public", "--redirect-uri", "https://app.example.com/cb"],
        };

        var result = await RunAsync(["clients", "add", .. args]);

        AssertOneLineError(result, expected);
        Assert.False(await ClientExistsAsync(clientId));
    }

    [Fact]
    public async Task ClientsAdd_DuplicateId_ExitsTwoAndKeepsTheFirst()
    {
        var clientId = NewName("dup-client");
        Assert.Equal(0, (await RunAsync("clients", "add", "--client-id", clientId, "--public", "--redirect-uri", "https://one.example.com/cb")).Exit);

        var again = await RunAsync("clients", "add", "--client-id", clientId, "--public", "--redirect-uri", "https://two.example.com/cb");
        var list = await RunAsync("clients", "list");

        AssertOneLineError(again, "already exists");
        var line = Assert.Single(list.Out.Split('\n'), l => l.StartsWith(clientId + "\t", StringComparison.Ordinal));
        Assert.Contains("https://one.example.com/cb", line, StringComparison.Ordinal);
        Assert.DoesNotContain("two.example.com", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("users", "delete")]
    public async Task UnknownCommand_ExitsTwo(params string[] args)
    {
        var result = await RunAsync(args);

        AssertOneLineError(result, "Unknown command");
    }

    [Fact]
    public async Task Migrate_UpToDateDatabase_SaysSo()
    {
        var result = await RunAsync("migrate");

        Assert.Equal(0, result.Exit);
        Assert.Contains("up to date", result.Out, StringComparison.Ordinal);
    }
}
