using IdP.Server.Admin;
using Microsoft.AspNetCore.Mvc;

namespace IdP.Server.Areas.Admin.Pages;

/// <summary>Recent SMS, counts by state, each node's SMPP state, and the circuit breaker with its reset.</summary>
public sealed class SmsModel(SmsAdministration sms) : AdminPageModel
{
    public SmsDashboard Dashboard { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Dashboard = await sms.GetDashboardAsync(ct);

    public Task<IActionResult> OnPostResetBreakerAsync(CancellationToken ct) =>
        ChangeAsync(async () => { await sms.ResetBreakerAsync(Actor, ct); return "Circuit breaker reset."; }, "/admin/sms");
}
