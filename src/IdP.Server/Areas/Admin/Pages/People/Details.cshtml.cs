using IdP.Server.Admin;
using Microsoft.AspNetCore.Mvc;

namespace IdP.Server.Areas.Admin.Pages.People;

/// <summary>One person: phones (masked), state, events, SMS; add a phone, remove phones, lock/unlock, reset counters, sign out, roles.</summary>
public sealed class DetailsModel(PeopleAdministration people) : AdminPageModel
{
    public PersonDetails Person { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var person = await people.GetAsync(id, ct);
        if (person is null)
        {
            return NotFound();
        }

        Person = person;
        return Page();
    }

    public Task<IActionResult> OnPostAddPhoneAsync(string id, string? number, bool replace, CancellationToken ct) =>
        ChangeAsync(async () => $"Added {await people.AddPhoneAsync(Actor, id, number, replace, ct)} as a verified number; the person was notified.", Back(id));

    public Task<IActionResult> OnPostRemovePhonesAsync(string id, CancellationToken ct) =>
        ChangeAsync(async () => $"Removed {await people.RemovePhonesAsync(Actor, id, ct)} phone number(s).", Back(id));

    public Task<IActionResult> OnPostLockAsync(string id, CancellationToken ct) =>
        ChangeAsync(async () => { await people.LockAsync(Actor, id, ct); return "Locked; the person's sessions ended."; }, Back(id));

    public Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken ct) =>
        ChangeAsync(async () => { await people.UnlockAsync(Actor, id, ct); return "Unlocked."; }, Back(id));

    public Task<IActionResult> OnPostResetFailuresAsync(string id, CancellationToken ct) =>
        ChangeAsync(async () => { await people.ResetFailuresAsync(Actor, id, ct); return "Failure counters reset."; }, Back(id));

    public Task<IActionResult> OnPostSignOutAsync(string id, CancellationToken ct) =>
        ChangeAsync(async () =>
        {
            var (sessions, tokens) = await people.ForceSignOutAsync(Actor, id, ct);
            return $"Ended {sessions} session(s) and revoked {tokens} token(s).";
        }, Back(id));

    public Task<IActionResult> OnPostAddRoleAsync(string id, string role, CancellationToken ct) =>
        ChangeAsync(async () => { await people.AddRoleAsync(Actor, id, role, ct); return $"Added role '{role}'."; }, Back(id));

    public Task<IActionResult> OnPostRemoveRoleAsync(string id, string role, CancellationToken ct) =>
        ChangeAsync(async () => { await people.RemoveRoleAsync(Actor, id, role, ct); return $"Removed role '{role}'."; }, Back(id));

    private static string Back(string id) => "/admin/people/" + Uri.EscapeDataString(id);
}
