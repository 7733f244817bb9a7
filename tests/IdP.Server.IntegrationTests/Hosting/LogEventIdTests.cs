using System.Reflection;
using Microsoft.Extensions.Logging;

namespace IdP.Server.IntegrationTests.Hosting;

/// <summary>
/// Log event ids are how an operator filters and alerts on what the server says (the table in
/// docs/operations.md): two messages with one id make an alert fire on the wrong thing. The host's own assemblies
/// (server, engine, data) share one id space; the SMPP library, which logs under its own categories, has its own.
/// </summary>
public sealed class LogEventIdTests
{
    public static TheoryData<string, string[]> IdSpaces() => new()
    {
        { "host", ["IdP.Server", "IdP.Authentication", "IdP.Data"] },
        { "smpp library", ["IdP.Smpp"] },
    };

    [Theory]
    [MemberData(nameof(IdSpaces))]
    public void EveryLogMessage_HasAnIdOfItsOwn(string space, string[] assemblies)
    {
        var messages = assemblies
            .Select(Assembly.Load)
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(x => x.Attribute is not null)
            .ToList();

        Assert.True(messages.Count > 10, $"{space}: found only {messages.Count} log messages; is the scan broken?");
        var shared = messages
            .GroupBy(x => x.Attribute!.EventId)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: " + string.Join(", ", g.Select(x => $"{x.Method.DeclaringType?.Name}.{x.Method.Name}")))
            .ToList();
        Assert.True(shared.Count == 0, $"{space}: event ids used twice — " + string.Join("; ", shared));
    }
}
