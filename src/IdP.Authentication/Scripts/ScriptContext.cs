namespace IdP.Authentication.Scripts;

/// <summary>
/// Everything a script knows about one sign-in flow. <see cref="FlowData"/> is persisted with the
/// flow between steps (server side), so scripts keep no state of their own.
/// </summary>
public sealed class ScriptContext
{
    /// <summary>The flow's id (stable across steps and nodes).</summary>
    public required string FlowId { get; init; }

    /// <summary>The acr the flow runs, as the relying party will see it.</summary>
    public required string Acr { get; init; }

    /// <summary>The validated configuration of the script.</summary>
    public required ScriptConfiguration Configuration { get; init; }

    /// <summary>Request-scoped services (user store, senders, time).</summary>
    public required IServiceProvider Services { get; init; }

    /// <summary>The user, once a step identified one.</summary>
    public string? UserId { get; set; }

    /// <summary>The client the flow signs in to, if any.</summary>
    public string? ClientId { get; init; }

    /// <summary>OIDC <c>login_hint</c>, if the request had one.</summary>
    public string? LoginHint { get; init; }

    /// <summary>The caller's address, for rate limits and audit.</summary>
    public string? RemoteAddress { get; init; }

    /// <summary>The host name of the sign-in page the person is on, if known.</summary>
    public string? RequestHost { get; init; }

    /// <summary>amr values achieved by the steps so far.</summary>
    public IReadOnlyList<string> AmrSoFar { get; init; } = [];

    /// <summary>Per-flow values a script keeps between steps (never secrets in clear).</summary>
    public IDictionary<string, string> FlowData { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
