using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace IdP.Server.Security;

/// <summary>
/// The answer to a rate-limited request (re-executed as <c>/error/429</c>): what happened and when to try
/// again, from the <c>Retry-After</c> header the limiter set. A themed page for browsers; the same text
/// as a short <c>text/plain</c> body for every other client.
/// </summary>
public static class TooManyRequestsPage
{
    public static IActionResult Show(Controller controller, TimeProvider time)
    {
        var response = controller.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.CacheControl = "no-store";
        var text = Text(response.Headers.RetryAfter.ToString(), time.GetUtcNow());
        var accept = controller.Request.Headers.Accept.ToString();
        if (!accept.Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            return controller.Content(text + "\n", "text/plain; charset=utf-8");
        }

        return controller.View("~/Views/Shared/TooManyRequests.cshtml", text);
    }

    /// <summary>"Too many requests. Try again in 42 seconds (after 12:34:56 UTC)."</summary>
    public static string Text(string? retryAfter, DateTimeOffset now)
    {
        if (!int.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds < 1)
        {
            return "Too many requests from your network. Wait a minute, then try again.";
        }

        var when = (now + TimeSpan.FromSeconds(seconds)).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var wait = seconds == 1 ? "1 second" : $"{seconds} seconds";
        return $"Too many requests from your network. Try again in {wait} (after {when} UTC).";
    }
}
