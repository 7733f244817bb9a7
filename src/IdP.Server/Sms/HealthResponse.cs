using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IdP.Server.Sms;

/// <summary>
/// <c>/health</c> as plain text for load balancers and people: the first line is the overall status
/// (<c>Healthy</c>, <c>Degraded</c> or <c>Unhealthy</c>). For callers allowed the detail (<see cref="HealthDetailAccess"/>:
/// this machine, or an administrator) each check that is not healthy adds a line with its reason; everyone else gets
/// the first line only.
/// </summary>
public static class HealthResponse
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder(report.Status.ToString());
        if (await HealthDetailAccess.AllowsAsync(context))
        {
            foreach (var (name, entry) in report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                text.Append('\n').Append(name).Append(": ").Append(entry.Status).Append(" - ").Append(entry.Description ?? entry.Exception?.Message ?? "no detail");
            }
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text.ToString(), context.RequestAborted);
    }
}
