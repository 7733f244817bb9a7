using Microsoft.AspNetCore.Mvc;

namespace IdP.Server.Admin.Api;

/// <summary><c>/admin/api/people</c>: search, view, remove phones, force sign-out.</summary>
[Route("admin/api/people")]
public sealed class PeopleApiController(PeopleAdministration people) : AdminApiController
{
    [HttpGet]
    public async Task<IActionResult> SearchAsync([FromQuery] string? q, CancellationToken ct) => Ok(await people.SearchAsync(q, ct));

    [HttpGet("{id}")]
    public async Task<IActionResult> GetAsync(string id, CancellationToken ct)
    {
        var person = await people.GetAsync(id, ct);
        if (person is null)
        {
            return Problem(detail: $"No person with id '{id}'.", statusCode: 404, title: "Not found");
        }

        return Ok(new
        {
            id = person.User.Id,
            userName = person.User.UserName,
            email = person.User.Email,
            displayName = person.User.DisplayName,
            phones = person.Phones,
            roles = person.Roles,
            lockedOut = person.LockedOut,
            accessFailedCount = person.User.AccessFailedCount,
            otpFailures = person.OtpFailures,
            activeSessions = person.Sessions.Count,
        });
    }

    [HttpDelete("{id}/phones")]
    public Task<IActionResult> RemovePhonesAsync(string id, CancellationToken ct) => RunAsync(async () =>
        Ok(new { removed = await people.RemovePhonesAsync(Actor, id, ct) }));

    [HttpPost("{id}/sign-out")]
    public Task<IActionResult> SignOutAsync(string id, CancellationToken ct) => RunAsync(async () =>
    {
        var (sessions, tokens) = await people.ForceSignOutAsync(Actor, id, ct);
        return Ok(new { sessions, tokens });
    });
}
