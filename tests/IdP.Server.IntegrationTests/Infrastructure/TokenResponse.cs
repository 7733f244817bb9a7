using System.Net;
using System.Text.Json;

namespace IdP.Server.IntegrationTests.Infrastructure;

/// <summary>A token endpoint answer: tokens on success, <c>error</c> otherwise.</summary>
public sealed record TokenResponse(HttpStatusCode Status, JsonElement Json)
{
    public bool IsSuccess => Status == HttpStatusCode.OK && Json.TryGetProperty("access_token", out _);

    public string? Error => Get("error");

    public string AccessToken => Get("access_token") ?? throw Fail("access_token");

    public string IdToken => Get("id_token") ?? throw Fail("id_token");

    public string RefreshToken => Get("refresh_token") ?? throw Fail("refresh_token");

    public string? Get(string name) => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public override string ToString() => $"{(int)Status} {Json.GetRawText()}";

    private InvalidOperationException Fail(string name) => new($"The token response has no {name}: {this}");
}
