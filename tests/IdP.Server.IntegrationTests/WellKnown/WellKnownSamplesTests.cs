using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using IdP.Server.IntegrationTests.Infrastructure;

namespace IdP.Server.IntegrationTests.WellKnown;

/// <summary>
/// Keeps <c>.well-known-samples/</c> equal to what the server publishes, with volatile values
/// normalised (origin → https://idp.example.com, key material → placeholders). A difference
/// fails; with <c>IDP_UPDATE_SAMPLES=1</c> the files are rewritten too (commit them).
/// </summary>
[Collection(ServerCollections.Protocol)]
public sealed class WellKnownSamplesTests(IdPServerFixture fixture)
{
    public const string SampleOrigin = "https://idp.example.com";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private IdPServer Server => fixture.Server;

    [Theory]
    [InlineData("/.well-known/openid-configuration", "openid-configuration.json")]
    [InlineData("/.well-known/jwks", "jwks.json")]
    public async Task Sample_CommittedFile_MatchesWhatTheServerPublishes(string path, string file)
    {
        using var client = Server.CreateOidcClient();
        var published = JsonNode.Parse((await client.GetJsonAsync(path)).GetRawText())!;

        var expected = Normalise(published).ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
        var samplePath = Path.Combine(RepositoryPaths.Root, ".well-known-samples", file);
        var committed = File.Exists(samplePath) ? (await File.ReadAllTextAsync(samplePath)).ReplaceLineEndings("\n") : null;

        if (committed != expected && Environment.GetEnvironmentVariable("IDP_UPDATE_SAMPLES") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(samplePath)!);
            await File.WriteAllTextAsync(samplePath, expected);
        }

        Assert.True(committed == expected,
            $"{samplePath} differs from what the server publishes at {path}. Run the tests with IDP_UPDATE_SAMPLES=1 to rewrite it, review and commit.\n--- published (normalised) ---\n{expected}");
    }

    [Fact]
    public void Normalise_KeyMaterialAndOrigin_AreReplaced()
    {
        var node = JsonNode.Parse($$"""{"issuer":"{{Server.Origin}}/","keys":[{"kid":"abc","n":"xyz","e":"AQAB","x5t":"t"}]}""")!;

        var normalised = Normalise(node).ToJsonString();

        Assert.Equal($$"""{"issuer":"{{SampleOrigin}}/","keys":[{"kid":"KEY-ID-1","n":"RSA-MODULUS","e":"AQAB","x5t":"CERTIFICATE-THUMBPRINT"}]}""", normalised);
    }

    private JsonNode Normalise(JsonNode node)
    {
        var keyIndex = 0;
        return Walk(node, null);

        JsonNode Walk(JsonNode current, string? property)
        {
            switch (current)
            {
                case JsonObject obj:
                    var copy = new JsonObject();
                    var isKey = property is null && obj.ContainsKey("kty") || obj.Parent is JsonArray;
                    if (obj.ContainsKey("kid"))
                    {
                        keyIndex++;
                    }

                    foreach (var (name, value) in obj)
                    {
                        copy[name] = name switch
                        {
                            "kid" when isKey => "KEY-ID-" + keyIndex,
                            "n" when isKey => "RSA-MODULUS",
                            "x5t" or "x5t#S256" when isKey => "CERTIFICATE-THUMBPRINT",
                            "x5c" when isKey => new JsonArray("CERTIFICATE"),
                            _ => value is null ? null : Walk(value, name),
                        };
                    }

                    return copy;
                case JsonArray array:
                    return new JsonArray(array.Select(item => item is null ? null : Walk(item, property)).ToArray());
                case JsonValue value when value.TryGetValue(out string? text):
                    return JsonValue.Create(text.Replace(Server.Origin, SampleOrigin, StringComparison.Ordinal))!;
                default:
                    return current.DeepClone();
            }
        }
    }
}
