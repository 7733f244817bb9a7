using System.Net;
using System.Text.Json;
using IdP.Server.IntegrationTests.Infrastructure;
using IdP.Server.OpenId;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.IntegrationTests.WellKnown;

/// <summary>
/// The discovery/JWKS response cache is bounded and keyed by the issuer. Attacks: a cache keyed by the request's
/// <c>Host</c> grew one entry per made-up host (memory exhaustion, ASVS 5.0 V2.4.1 / CWE-770), and a response built
/// for one host must never be served for another (cache poisoning, OWASP WSTG-INPV-17).
/// </summary>
public sealed class WellKnownCacheTests : IDisposable
{
    private const int Hosts = 1000;

    private readonly TempDataDirectory _data = new();

    [Fact]
    public async Task Discovery_ThousandSpoofedHostsWithAnIssuer_OneEntryPerDocumentAndAlwaysTheIssuer()
    {
        await using var database = await TestDatabase.CreateAsync();
        var settings = IdPServer.PostgresSettings(database.ConnectionString);

        // The operator let every Host in (by default other hosts get 400): the issuer must still decide everything.
        settings["AllowedHosts"] = "*";
        await using var server = new IdPServer(settings).Start();
        using var client = server.CreateOidcClient();

        var documents = await FetchWithHostsAsync(client, i => $"h{i}.attacker.example");

        Assert.All(documents, d => Assert.Equal(server.Issuer, d.Issuer));
        Assert.All(documents, d => Assert.DoesNotContain("attacker.example", d.Json, StringComparison.Ordinal));
        Assert.Equal(2, server.Services.GetRequiredService<WellKnownResponseCache>().Count);
    }

    [Fact]
    public async Task Discovery_ThousandHostsInTheEmbeddedDefault_CacheStaysCappedAndEachHostGetsItsOwn()
    {
        var settings = _data.EmbeddedDefaultSettings();
        settings["IdP:Demo:Enabled"] = "false";
        await using var server = new IdPServer(settings).Start();
        using var client = server.CreateOidcClient();

        // Without an issuer (embedded default only) the issuer follows the request, so each host must get its own.
        var documents = await FetchWithHostsAsync(client, i => $"h{i}.local.test");

        Assert.All(documents, d => Assert.Equal($"http://h{d.Index}.local.test/", d.Issuer));
        Assert.InRange(server.Services.GetRequiredService<WellKnownResponseCache>().Count, 1, WellKnownResponseCache.MaxEntries);
    }

    /// <summary>Discovery and JWKS once per host (a few at a time), each with its own <c>Host</c> header.</summary>
    private static async Task<List<Document>> FetchWithHostsAsync(OidcTestClient client, Func<int, string> host)
    {
        var documents = new System.Collections.Concurrent.ConcurrentBag<Document>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Hosts), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            foreach (var path in new[] { "/.well-known/openid-configuration", "/.well-known/jwks" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Host = host(i);
                using var response = await client.Http.SendAsync(request, ct);
                var json = await response.Content.ReadAsStringAsync(ct);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} for {host(i)}: {(int)response.StatusCode} {json}");
                if (path.EndsWith("configuration", StringComparison.Ordinal))
                {
                    documents.Add(new Document(i, JsonDocument.Parse(json).RootElement.GetProperty("issuer").GetString(), json));
                }
            }
        });
        return [.. documents];
    }

    public void Dispose() => _data.Dispose();

    private sealed record Document(int Index, string? Issuer, string Json);
}
