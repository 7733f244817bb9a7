using System.Diagnostics;
using IdP.Data.Entities;
using IdP.Server.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.IntegrationTests.Commands;

/// <summary>
/// The same commands through the real executable (<c>dotnet IdP.Server.dll COMMAND</c>, configured
/// by <c>IdP__*</c> variables as an operator would): exit codes, one-line reasons, the database the
/// server uses.
/// </summary>
[Collection(ServerCollections.Pages)]
public sealed class ExecutableTests(IdPServerFixture fixture)
{
    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var directory = AppContext.BaseDirectory;
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(directory, "IdP.Server.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["IdP__Database__Provider"] = "Postgres";
        info.Environment["IdP__Database__ConnectionString"] = fixture.Database.ConnectionString;
        info.Environment["IdP__Database__MigrateOnStart"] = "true";
        info.Environment["IdP__DataProtection__Certificate__Path"] = TestCertificates.DataProtectionPfxPath;
        info.Environment["IdP__DataProtection__Certificate__Password"] = TestCertificates.PfxPassword;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"IdP.Server {string.Join(' ', args)} did not exit within 90 s. stderr: {await error}");
        }

        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task Executable_UsersAddValid_ExitsZeroAndWritesToTheServersDatabase()
    {
        var username = "exe-" + Guid.NewGuid().ToString("N")[..10];

        var result = await RunAsync("users", "add", "--username", username, "--password", "a-long-password-1", "--phone", "+4915112345678");

        Assert.True(result.Exit == 0, $"exit {result.Exit}: {result.Err}");
        Assert.Contains($"Created user '{username}'", result.Out, StringComparison.Ordinal);
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<IdPUser>>().FindByNameAsync(username);
        Assert.NotNull(user);
        Assert.Equal("+4915112345678", user.PhoneNumber);
        Assert.True(user.PhoneNumberConfirmed);
    }

    [Theory]
    [InlineData("users", "add", "--username", "exe-bad-phone", "--password", "a-long-password-1", "--phone", "12345")]
    [InlineData("clients", "add", "--client-id", "exe-bad-client", "--public", "--redirect-uri", "http://app.example.com/cb")]
    public async Task Executable_BadInput_ExitsTwoWithOneLineOnStandardError(params string[] args)
    {
        var result = await RunAsync(args);

        Assert.Equal(2, result.Exit);
        var line = Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Created", result.Out, StringComparison.Ordinal);
    }
}
