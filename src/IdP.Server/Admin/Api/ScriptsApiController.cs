using Microsoft.AspNetCore.Mvc;

namespace IdP.Server.Admin.Api;

/// <summary><c>/admin/api/scripts</c> and <c>/admin/api/settings</c>: authentication methods, default and admin acr.</summary>
[Route("admin/api")]
public sealed class ScriptsApiController(MethodAdministration methods) : AdminApiController
{
    [HttpGet("scripts")]
    public async Task<IActionResult> ListAsync(CancellationToken ct) =>
        Ok((await methods.ListAsync(ct)).Select(ToJson));

    [HttpGet("scripts/{acr}")]
    public async Task<IActionResult> GetAsync(string acr, CancellationToken ct) =>
        await methods.FindAsync(acr, ct) is { } script ? Ok(ToJson(script)) : Problem(detail: $"No script '{acr}'.", statusCode: 404, title: "Not found");

    [HttpPost("scripts/{acr}/enable")]
    public Task<IActionResult> EnableAsync(string acr, [FromQuery] bool confirm, CancellationToken ct) => SetEnabledAsync(acr, true, confirm, ct);

    [HttpPost("scripts/{acr}/disable")]
    public Task<IActionResult> DisableAsync(string acr, CancellationToken ct) => SetEnabledAsync(acr, false, false, ct);

    [HttpPut("scripts/{acr}/properties/{key}")]
    public Task<IActionResult> SetPropertyAsync(string acr, string key, [FromBody] PropertyValueRequest body, CancellationToken ct) => RunAsync(async () =>
    {
        await methods.SetPropertyAsync(Actor, acr, key, body.Value ?? "", ct);
        return NoContent();
    });

    [HttpGet("settings")]
    public async Task<IActionResult> SettingsAsync(CancellationToken ct)
    {
        var scripts = await methods.ListAsync(ct);
        return Ok(new
        {
            defaultAcr = scripts.FirstOrDefault(s => s.IsDefault)?.Acr,
            adminAcr = scripts.FirstOrDefault(s => s.IsAdmin)?.Acr,
            enabled = scripts.Where(s => s.Enabled).Select(s => s.Acr),
        });
    }

    [HttpPut("settings/default-acr")]
    public Task<IActionResult> SetDefaultAcrAsync([FromBody] AcrSettingRequest body, CancellationToken ct) => RunAsync(async () =>
    {
        await methods.SetDefaultAcrAsync(Actor, body.Acr ?? "", ct);
        return NoContent();
    });

    [HttpPut("settings/admin-acr")]
    public Task<IActionResult> SetAdminAcrAsync([FromBody] AcrSettingRequest body, CancellationToken ct) => RunAsync(async () =>
    {
        var result = await methods.SetAdminAcrAsync(Actor, body.Acr ?? "", body.Confirm, ct);
        return result.Applied ? Ok(new { applied = true, warnings = result.Warnings }) : ConfirmationRequired(result.Warnings);
    });

    private Task<IActionResult> SetEnabledAsync(string acr, bool enabled, bool confirm, CancellationToken ct) => RunAsync(async () =>
    {
        var result = await methods.SetEnabledAsync(Actor, acr, enabled, confirm, ct);
        return result.Applied ? Ok(new { acr, enabled, warnings = result.Warnings }) : ConfirmationRequired(result.Warnings);
    });

    private static object ToJson(ScriptView s) => new
    {
        s.Acr,
        s.DisplayName,
        s.Level,
        s.Enabled,
        s.Source,
        s.IsBuiltIn,
        s.IsDefault,
        s.IsAdmin,
        properties = s.Properties.Select(p => new
        {
            p.Definition.Key,
            p.Definition.Description,
            type = p.Definition.Type.ToString(),
            p.Definition.DefaultValue,
            p.Definition.IsSecret,
            // Secrets are write-only: never returned, only whether one is set.
            value = p.Definition.IsSecret ? null : p.Value,
            p.IsSet,
            p.Problem,
        }),
    };
}
