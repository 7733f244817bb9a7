using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using IdP.Server.OpenId;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace IdP.Server.Security;

/// <summary>
/// Per-address rate limits on the anonymous sign-in surface (ASP.NET Core rate limiting, in memory, per
/// node): the password step (posts of the sign-in form) and flow creation (anonymous <c>/account/login</c>
/// and <c>/connect/authorize</c>, chooser posts). A global limiter picks these entry points by the page model
/// or controller that serves them, so their code carries nothing about rate limits. A refused request gets
/// 429 with <c>Retry-After</c>; the status-code page says when to try again (<see cref="TooManyRequestsPage"/>).
/// </summary>
public static partial class SignInRateLimits
{
    public static IServiceCollection AddSignInRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
            limiter.OnRejected = (context, _) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : 60;
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInRateLimits));
                LogRejected(logger, http.Request.Method, http.Request.Path, AddressKey(http.Connection.RemoteIpAddress), seconds);

                // No body here: the status-code page (/error/429) renders the page with the time to wait.
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>
    /// The partition of a request: its budget (password step or flow creation) and client address; requests
    /// that neither submit a step nor can start a flow (signed-in callers, the code page's status poll, every
    /// other endpoint) are free.
    /// </summary>
    private static RateLimitPartition<string> Partition(HttpContext http)
    {
        var entry = EntryOf(http.GetEndpoint());
        var post = HttpMethods.IsPost(http.Request.Method);
        var anonymous = http.User.Identity?.IsAuthenticated != true;
        var options = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var (budget, rule) = entry switch
        {
            SignInEntry.SignInPage when post => ("password", options.PasswordStep),
            SignInEntry.SignInPage when anonymous && HttpMethods.IsGet(http.Request.Method) && !IsStatusPoll(http.Request) => ("flow", options.FlowStart),
            SignInEntry.Authorize when anonymous => ("flow", options.FlowStart),
            SignInEntry.Chooser when post => ("flow", options.FlowStart),
            _ => (null, null),
        };
        if (budget is null || rule is null)
        {
            return RateLimitPartition.GetNoLimiter("free");
        }

        return RateLimitPartition.GetFixedWindowLimiter(budget + "|" + AddressKey(http.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = rule.PermitLimit,
            Window = rule.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>
    /// The client's address as a partition key: IPv4 as is (IPv4-mapped IPv6 too), IPv6 by its /64 prefix (one
    /// subscriber usually holds a whole /64, so counting single addresses would let them rotate through it).
    /// </summary>
    public static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>The code page's delivery-status poll (<c>?handler=SmsStatus</c>): it reads a flow, never creates one.</summary>
    private static bool IsStatusPoll(HttpRequest request) =>
        string.Equals(request.Query["handler"], "SmsStatus", StringComparison.OrdinalIgnoreCase);

    /// <summary>Which sign-in entry point an endpoint is, by the page model or controller that serves it.</summary>
    private static SignInEntry? EntryOf(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<ActionDescriptor>() switch
    {
        CompiledPageActionDescriptor page when page.ModelTypeInfo?.AsType() == typeof(Pages.Account.LoginModel) => SignInEntry.SignInPage,
        CompiledPageActionDescriptor page when page.ModelTypeInfo?.AsType() == typeof(Pages.Account.ChooseModel) => SignInEntry.Chooser,
        ControllerActionDescriptor action when action.ControllerTypeInfo.AsType() == typeof(AuthorizeController) => SignInEntry.Authorize,
        _ => null,
    };

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "Rate limit: refused {Method} {Path} from {Address}; retry after {Seconds} s.")]
    private static partial void LogRejected(ILogger logger, string method, string path, string address, int seconds);
}
