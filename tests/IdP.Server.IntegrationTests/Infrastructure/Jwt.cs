using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace IdP.Server.IntegrationTests.Infrastructure;

/// <summary>Reads a JWT's JSON without validating it (validation is <see cref="OidcTestClient.ValidateJwtAsync"/>).</summary>
public static class Jwt
{
    public static JsonElement Payload(string jwt) => Part(jwt, 1);

    public static JsonElement Header(string jwt) => Part(jwt, 0);

    private static JsonElement Part(string jwt, int index)
    {
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        using var document = JsonDocument.Parse(Base64UrlEncoder.Decode(parts[index]));
        return document.RootElement.Clone();
    }
}
