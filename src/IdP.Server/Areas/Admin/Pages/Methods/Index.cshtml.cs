using IdP.Server.Admin;
using Microsoft.AspNetCore.Mvc;

namespace IdP.Server.Areas.Admin.Pages.Methods;

/// <summary>The authentication methods: enable/disable, default acr, admin acr (with the lock-out guard).</summary>
public sealed class IndexModel(MethodAdministration methods) : AdminPageModel
{
    public IReadOnlyList<ScriptView> Scripts { get; private set; } = [];

    /// <summary>Why a change was held back (lock-out), to confirm explicitly.</summary>
    public IReadOnlyList<string> Warnings { get; private set; } = [];

    public string? PendingAdminAcr { get; private set; }

    public string? PendingEnable { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Scripts = await methods.ListAsync(ct);

    public async Task<IActionResult> OnPostEnabledAsync(string acr, bool enabled, bool confirm, CancellationToken ct)
    {
        try
        {
            var result = await methods.SetEnabledAsync(Actor, acr, enabled, confirm, ct);
            if (!result.Applied)
            {
                Warnings = result.Warnings;
                PendingEnable = acr;
                Scripts = await methods.ListAsync(ct);
                return Page();
            }
        }
        catch (ArgumentException ex)
        {
            return await ChangeAsync(() => Task.FromException<string>(ex), "/admin/methods");
        }

        return await ChangeAsync(() => Task.FromResult($"{(enabled ? "Enabled" : "Disabled")} '{acr}'."), "/admin/methods");
    }

    public Task<IActionResult> OnPostDefaultAcrAsync(string acr, CancellationToken ct) =>
        ChangeAsync(async () =>
        {
            await methods.SetDefaultAcrAsync(Actor, acr, ct);
            return $"The default acr is now '{acr}'.";
        }, "/admin/methods");

    public async Task<IActionResult> OnPostAdminAcrAsync(string acr, bool confirm, CancellationToken ct)
    {
        AdminChangeResult result;
        try
        {
            result = await methods.SetAdminAcrAsync(Actor, acr, confirm, ct);
        }
        catch (ArgumentException ex)
        {
            return await ChangeAsync(() => Task.FromException<string>(ex), "/admin/methods");
        }

        if (!result.Applied)
        {
            Warnings = result.Warnings;
            PendingAdminAcr = acr;
            Scripts = await methods.ListAsync(ct);
            return Page();
        }

        return await ChangeAsync(() => Task.FromResult($"The admin acr is now '{acr}'."), "/admin/methods");
    }
}
