using Microsoft.AspNetCore.Mvc;

namespace IdP.Server.Admin.Api;

/// <summary><c>/admin/api/clients</c>: relying parties. A generated secret is returned once and never again.</summary>
[Route("admin/api/clients")]
public sealed class ClientsApiController(ClientAdministration clients) : AdminApiController
{
    [HttpGet]
    public async Task<IActionResult> ListAsync(CancellationToken ct) => Ok((await clients.ListAsync(ct)).Select(ToJson));

    [HttpGet("{clientId}")]
    public async Task<IActionResult> GetAsync(string clientId, CancellationToken ct) =>
        await clients.FindAsync(clientId, ct) is { } client ? Ok(ToJson(client)) : Problem(detail: $"No client '{clientId}'.", statusCode: 404, title: "Not found");

    [HttpPost]
    public Task<IActionResult> CreateAsync([FromBody] ClientSpec spec, CancellationToken ct) => RunAsync(async () =>
    {
        var secret = await clients.CreateAsync(Actor, spec, ct);
        return Created($"/admin/api/clients/{Uri.EscapeDataString(spec.ClientId)}", new { clientId = spec.ClientId, clientSecret = secret });
    });

    [HttpPut("{clientId}")]
    public Task<IActionResult> UpdateAsync(string clientId, [FromBody] ClientSpec spec, CancellationToken ct) => RunAsync(async () =>
    {
        var secret = await clients.UpdateAsync(Actor, clientId, spec, ct);
        return Ok(new { clientId, clientSecret = secret });
    });

    [HttpPost("{clientId}/disable")]
    public Task<IActionResult> DisableAsync(string clientId, CancellationToken ct) => RunAsync(async () =>
    {
        await clients.SetDisabledAsync(Actor, clientId, true, ct);
        return NoContent();
    });

    [HttpPost("{clientId}/enable")]
    public Task<IActionResult> EnableAsync(string clientId, CancellationToken ct) => RunAsync(async () =>
    {
        await clients.SetDisabledAsync(Actor, clientId, false, ct);
        return NoContent();
    });

    [HttpPost("{clientId}/secret")]
    public Task<IActionResult> RotateSecretAsync(string clientId, CancellationToken ct) => RunAsync(async () =>
        Ok(new { clientId, clientSecret = await clients.RotateSecretAsync(Actor, clientId, ct) }));

    private static object ToJson(ClientView c) => new
    {
        c.Spec.ClientId,
        c.Spec.DisplayName,
        clientType = c.Spec.Public ? "public" : "confidential",
        c.Spec.RedirectUris,
        c.Spec.PostLogoutRedirectUris,
        consent = c.Spec.Consent,
        c.Spec.Scopes,
        c.Spec.RequirePkce,
        c.Spec.AllowClientCredentials,
        c.Spec.DefaultAcrValues,
        c.Spec.AllowedAcrs,
        c.Spec.MinimumAcrLevel,
        c.Spec.RefuseBelowMinimum,
        c.Disabled,
        c.CreatedAt,
    };
}
