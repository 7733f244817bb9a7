using IdP.Data.Entities;
using IdP.Server.Admin;
using Microsoft.AspNetCore.Mvc;

namespace IdP.Server.Areas.Admin.Pages;

/// <summary>The audit log, filtered by type, user and date range, newest first, 50 per page.</summary>
public sealed class AuditModel(AuditReader reader) : AdminPageModel
{
    [BindProperty(SupportsGet = true, Name = "")]
    public AuditQuery Query { get; set; } = new();

    public IReadOnlyList<AuditEvent> Events { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<string> Types { get; private set; } = [];

    public bool HasMore { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        (Events, HasMore, Names) = await reader.ReadAsync(Query, ct);
        Types = await reader.TypesAsync(ct);
    }

    public string PageUrl(int page) => "/admin/audit" + QueryString.Create(new Dictionary<string, string?>
    {
        ["Type"] = Query.Type,
        ["User"] = Query.User,
        ["From"] = Query.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["To"] = Query.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["Page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value)));
}
