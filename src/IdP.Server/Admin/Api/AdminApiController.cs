using Microsoft.AspNetCore.Mvc;

namespace IdP.Server.Admin.Api;

/// <summary>
/// Base of the JSON admin API controllers: bearer-token guard, no antiforgery (no cookies are used),
/// and one mapping of failures to RFC 7807 problems (bad input 400, unknown thing 404).
/// </summary>
[ApiController]
[IgnoreAntiforgeryToken]
[ApiExplorerSettings(IgnoreApi = true)]
[ServiceFilter(typeof(AdminApiAuthorizationFilter))]
public abstract class AdminApiController : ControllerBase
{
    protected AdminActor Actor => (AdminActor)HttpContext.Items[AdminApiAuthorizationFilter.ActorKey]!;

    /// <summary>Runs an admin operation and turns its refusals into problem responses.</summary>
    protected async Task<IActionResult> RunAsync(Func<Task<IActionResult>> action)
    {
        try
        {
            return await action();
        }
        catch (KeyNotFoundException ex)
        {
            return Problem(detail: ex.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }
        catch (ArgumentException ex)
        {
            return Problem(detail: ex.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");
        }
    }

    /// <summary>409 for a change that would lock admins out: the warnings, to confirm with <c>confirm=true</c>.</summary>
    protected ObjectResult ConfirmationRequired(IReadOnlyList<string> warnings)
    {
        var problem = ProblemDetailsFactory.CreateProblemDetails(HttpContext, StatusCodes.Status409Conflict, "Confirmation required",
            detail: "This change could lock administrators out of the console. Repeat it with \"confirm\": true to apply it anyway.");
        problem.Extensions["warnings"] = warnings;
        return new ObjectResult(problem) { StatusCode = StatusCodes.Status409Conflict, ContentTypes = { "application/problem+json" } };
    }
}
