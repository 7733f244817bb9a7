using IdP.Data;
using IdP.Data.Entities;
using IdP.Server.Admin;
using Microsoft.EntityFrameworkCore;

namespace IdP.Server.Areas.Admin.Pages;

/// <summary>The console's front page: a summary of each section.</summary>
public sealed class IndexModel(MethodAdministration methods, IdPDbContext db) : AdminPageModel
{
    public int EnabledMethods { get; private set; }

    public string DefaultAcr { get; private set; } = "";

    public string AdminAcr { get; private set; } = "";

    public int People { get; private set; }

    public int Admins { get; private set; }

    public int Clients { get; private set; }

    public string? Breaker { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scripts = await methods.ListAsync(ct);
        EnabledMethods = scripts.Count(s => s.Enabled);
        DefaultAcr = scripts.FirstOrDefault(s => s.IsDefault)?.Acr ?? "";
        AdminAcr = scripts.FirstOrDefault(s => s.IsAdmin)?.Acr ?? "";
        People = await db.Users.CountAsync(ct);
        Admins = await db.UserRoles.CountAsync(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == AdminConsole.Role), ct);
        Clients = await db.ClientSettings.CountAsync(ct);
        Breaker = await db.ServerSettings.Where(s => s.Key == ServerSetting.SmsCircuitBreaker && s.Value != "").Select(s => s.Value).FirstOrDefaultAsync(ct);
    }
}
