using IdP.Server.Commands;
using IdP.Server.Hosting;

// With a command (migrate, users, clients) the same executable administers the database and
// exits; with none it serves. Commands see configuration from appsettings and IdP__* variables
// only, so their --options never leak into the configuration.
var isCommand = CommandLine.IsCommand(args);
var builder = WebApplication.CreateBuilder(isCommand ? [] : args);
if (isCommand)
{
    // Commands print their own one-line results; only warnings and errors from the host.
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
}

builder.AddIdP();
var app = builder.Build();

if (isCommand)
{
    return await CommandLine.RunAsync(app.Services, args, Console.Out, Console.Error, CancellationToken.None);
}

app.UseIdP();
await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
