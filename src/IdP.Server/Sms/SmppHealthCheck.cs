using IdP.Authentication.Sms;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IdP.Server.Sms;

/// <summary>
/// The node's SMS channel for <c>/health</c>: Healthy when bound, or when the <c>smpp</c> script is disabled (nothing
/// to send then); Degraded — still HTTP 200, so a load balancer keeps the node, since password sign-in works — when
/// the script is enabled but the node is not bound, with the reason and what to check.
/// </summary>
public sealed class SmppHealthCheck(ISmsSender sender) : IHealthCheck
{
    public const string Name = "smpp";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = sender.Status;
        var data = new Dictionary<string, object> { ["state"] = status.State };
        if (status.Endpoint is not null)
        {
            data["endpoint"] = status.Endpoint;
        }

        var result = status.IsReady || status.State == GatewayStates.Disabled
            ? HealthCheckResult.Healthy(status.Detail, data)
            : HealthCheckResult.Degraded($"{status.State}: {status.Detail}", data: data);
        return Task.FromResult(result);
    }
}
