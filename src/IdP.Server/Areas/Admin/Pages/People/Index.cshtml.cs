using IdP.Server.Admin;
using Microsoft.AspNetCore.Mvc;

namespace IdP.Server.Areas.Admin.Pages.People;

/// <summary>Search people by username, email or phone number.</summary>
public sealed class IndexModel(PeopleAdministration people) : AdminPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<PersonSummary> Results { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Results = await people.SearchAsync(Q, ct);
}
