using System.Text.Json.Nodes;
using OpenIddict.Abstractions;

namespace IdP.Server.OpenId;

/// <summary>
/// Reads what an authorization request asks of the acr: <c>acr_values</c> (voluntary, in order
/// of preference, OIDC Core 3.1.2.1) and an <c>acr</c> entry of the <c>claims</c> parameter
/// (OIDC Core 5.5.1.1), which is essential when it says <c>"essential": true</c>.
/// </summary>
public static class AcrRequestReader
{
    /// <summary>Voluntary values in order, and the essential values (null when none is essential).</summary>
    public static (IReadOnlyList<string> Voluntary, IReadOnlyList<string>? Essential) Read(OpenIddictRequest request)
    {
        var voluntary = (request.AcrValues ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        List<string>? essential = null;
        foreach (var target in new[] { "id_token", "userinfo" })
        {
            if (request.Claims?[target] is not JsonObject claims || claims["acr"] is not JsonObject acr)
            {
                continue;
            }

            var values = new List<string>();
            if (acr["values"] is JsonArray array)
            {
                values.AddRange(array.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>());
            }

            if (acr["value"] is JsonValue single && single.TryGetValue<string>(out var one))
            {
                values.Add(one);
            }

            var isEssential = acr["essential"] is JsonValue flag && flag.TryGetValue<bool>(out var e) && e;
            if (isEssential && values.Count > 0)
            {
                essential ??= [];
                essential.AddRange(values.Where(v => !essential.Contains(v)));
            }
            else
            {
                // A voluntary acr claim request is a preference like acr_values, after them.
                voluntary.AddRange(values.Where(v => !voluntary.Contains(v)));
            }
        }

        return (voluntary, essential);
    }
}
