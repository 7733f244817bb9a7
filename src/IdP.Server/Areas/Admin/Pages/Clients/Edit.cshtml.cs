using IdP.Server.Admin;
using Microsoft.AspNetCore.Mvc;

namespace IdP.Server.Areas.Admin.Pages.Clients;

/// <summary>Registers (<c>/admin/clients/new</c>) or edits a client; rotates its secret; disables it.</summary>
public sealed class EditModel(ClientAdministration clients) : AdminPageModel
{
    private const string NewId = "new";

    [BindProperty(SupportsGet = true)]
    public string ClientId { get; set; } = "";

    [BindProperty]
    public ClientForm Form { get; set; } = new() { Scopes = ["openid", "profile", "email"] };

    public bool IsNew => ClientId == NewId;

    public bool Disabled { get; private set; }

    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (IsNew)
        {
            return Page();
        }

        var client = await clients.FindAsync(ClientId, ct);
        if (client is null)
        {
            return NotFound();
        }

        Form = ClientForm.From(client.Spec);
        Disabled = client.Disabled;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        var existing = IsNew ? null : await clients.FindAsync(ClientId, ct);
        if (!IsNew && existing is null)
        {
            return NotFound();
        }

        try
        {
            var spec = Form.ToSpec(existing?.Spec);
            var secret = IsNew ? await clients.CreateAsync(Actor, spec, ct) : await clients.UpdateAsync(Actor, ClientId, spec, ct);
            if (secret is not null)
            {
                TempData["Secret"] = secret;
            }

            TempData["Status"] = IsNew ? $"Registered '{spec.ClientId}'." : "Saved.";
            Response.Headers.Location = "/admin/clients/" + Uri.EscapeDataString(IsNew ? spec.ClientId : ClientId);
            return StatusCode(StatusCodes.Status303SeeOther);
        }
        catch (ArgumentException ex)
        {
            Errors.AddRange(ex.Message.Split(". ", StringSplitOptions.RemoveEmptyEntries).Select(e => e.EndsWith('.') ? e : e + "."));
            Disabled = existing?.Disabled ?? false;
            return Page();
        }
    }

    public async Task<IActionResult> OnPostRotateSecretAsync(CancellationToken ct)
    {
        try
        {
            TempData["Secret"] = await clients.RotateSecretAsync(Actor, ClientId, ct);
        }
        catch (ArgumentException ex)
        {
            TempData["Error"] = ex.Message;
        }

        Response.Headers.Location = "/admin/clients/" + Uri.EscapeDataString(ClientId);
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    public Task<IActionResult> OnPostDisabledAsync(bool disabled, CancellationToken ct) =>
        ChangeAsync(async () =>
        {
            await clients.SetDisabledAsync(Actor, ClientId, disabled, ct);
            return disabled ? "Disabled; its tokens were revoked." : "Enabled.";
        }, "/admin/clients/" + Uri.EscapeDataString(ClientId));
}
