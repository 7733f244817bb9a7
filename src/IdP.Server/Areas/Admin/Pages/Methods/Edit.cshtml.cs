using IdP.Server.Admin;
using Microsoft.AspNetCore.Mvc;

namespace IdP.Server.Areas.Admin.Pages.Methods;

/// <summary>A method's properties, with their descriptions and validation messages. Secrets are write-only.</summary>
public sealed class EditModel(MethodAdministration methods) : AdminPageModel
{
    public ScriptView Script { get; private set; } = null!;

    /// <summary>The outcome of "Test connection" (smpp only), in plain words.</summary>
    public Sms.SmppConnectionTestResult? TestResult { get; private set; }

    /// <summary>Validation messages of the last save, by property.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync(string acr, CancellationToken ct)
    {
        var script = await methods.FindAsync(acr, ct);
        if (script is null)
        {
            return NotFound();
        }

        Script = script;
        return Page();
    }

    /// <summary>
    /// Binds to the SMSC with the saved <c>smpp</c> settings (the same code as <c>sms test</c>) and shows the
    /// outcome: bound with the SMSC's system_id, credentials rejected, unreachable, TLS mismatch, timeout.
    /// </summary>
    public async Task<IActionResult> OnPostTestConnectionAsync(string acr, [FromServices] Sms.SmppConnectionTester tester, CancellationToken ct)
    {
        var script = await methods.FindAsync(acr, ct);
        if (script is null || acr != IdP.Authentication.BuiltIn.SmppScript.AcrValue)
        {
            return NotFound();
        }

        Script = script;
        TestResult = await tester.TestAsync(null, ct);
        return Page();
    }

    /// <summary>Saves every changed property (each validated on its own); an empty secret field leaves the secret unchanged.</summary>
    public async Task<IActionResult> OnPostAsync(string acr, [FromForm] Dictionary<string, string?> values, CancellationToken ct)
    {
        var script = await methods.FindAsync(acr, ct);
        if (script is null)
        {
            return NotFound();
        }

        var changed = 0;
        foreach (var property in script.Properties)
        {
            var value = values.GetValueOrDefault(property.Definition.Key);
            var unchanged = property.Definition.IsSecret ? string.IsNullOrEmpty(value) : value is null || (value == property.Value && property.IsSet);
            if (unchanged || (!property.IsSet && !property.Definition.IsSecret && value == property.Definition.DefaultValue))
            {
                continue;
            }

            try
            {
                await methods.SetPropertyAsync(Actor, acr, property.Definition.Key, value ?? "", ct);
                changed++;
            }
            catch (ArgumentException ex)
            {
                Errors[property.Definition.Key] = ex.Message;
            }
        }

        if (Errors.Count > 0)
        {
            Script = (await methods.FindAsync(acr, ct))!;
            return Page();
        }

        return await ChangeAsync(() => Task.FromResult(changed == 0 ? "Nothing changed." : $"Saved {changed} propert{(changed == 1 ? "y" : "ies")} of '{acr}'."), "/admin/methods/" + acr);
    }
}
