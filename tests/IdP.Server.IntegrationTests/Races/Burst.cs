using System.Net;
using IdP.Server.IntegrationTests.Infrastructure;

namespace IdP.Server.IntegrationTests.Races;

/// <summary>One request of a burst: which browser's cookies it carries (optionally one replaced), where it goes, its form.</summary>
public sealed record BurstRequest(OidcTestClient Browser, string Path, Dictionary<string, string>? Form = null)
{
    /// <summary>A cookie sent instead of the browser's (e.g. an older enrollment cookie replayed).</summary>
    public (string Name, string Value)? CookieOverride { get; init; }
}

/// <summary>A response of a burst.</summary>
public sealed record BurstResponse(HttpStatusCode Status, string Html, int Node);

/// <summary>
/// Fires requests all at once, as one browser (or several) would by double-clicking, replaying a form, or scripting:
/// each request carries a copy of its browser's cookies taken before the burst (no response of the burst changes
/// them), and the requests alternate between the given nodes.
/// </summary>
public static class Burst
{
    public static async Task<IReadOnlyList<BurstResponse>> SendAsync(IReadOnlyList<IdPServer> nodes, int count, Func<int, BurstRequest> request)
    {
        var clients = nodes.Select(n => new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(n.Origin),
            Timeout = TimeSpan.FromMinutes(2),
        }).ToList();
        try
        {
            var messages = Enumerable.Range(0, count).Select(i => Message(nodes[0], request(i))).ToList();
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var tasks = messages.Select((message, i) => Task.Run(async () =>
            {
                await start.Task;
                using var response = await clients[i % clients.Count].SendAsync(message);
                return new BurstResponse(response.StatusCode, await response.Content.ReadAsStringAsync(), i % clients.Count);
            })).ToList();
            start.SetResult();
            var responses = await Task.WhenAll(tasks);
            Assert.All(responses, r => Assert.True((int)r.Status < 500, $"node {r.Node} answered {(int)r.Status}:\n{Landing.Shorten(r.Html)}"));
            return responses;
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>The same POST of a page's form, <paramref name="count"/> times.</summary>
    public static Task<IReadOnlyList<BurstResponse>> PostAsync(IReadOnlyList<IdPServer> nodes, OidcTestClient browser, Landing page, int count, Func<int, Dictionary<string, string>> form) =>
        SendAsync(nodes, count, i => new BurstRequest(browser, page.Url.PathAndQuery, WithToken(page, form(i))));

    /// <summary>Adds the page's antiforgery token (and its ReturnUrl, if it has one) to a form.</summary>
    public static Dictionary<string, string> WithToken(Landing page, Dictionary<string, string> form)
    {
        form["__RequestVerificationToken"] = page.AntiforgeryToken ?? throw new InvalidOperationException($"No antiforgery token on {page}.");
        if (!form.ContainsKey("ReturnUrl") && page.InputValue("ReturnUrl") is { } returnUrl)
        {
            form["ReturnUrl"] = returnUrl;
        }

        return form;
    }

    private static HttpRequestMessage Message(IdPServer node, BurstRequest request)
    {
        var message = new HttpRequestMessage(request.Form is null ? HttpMethod.Get : HttpMethod.Post, request.Path);
        if (request.Form is not null)
        {
            message.Content = new FormUrlEncodedContent(request.Form);
        }

        // Cookies are not bound to a port: the browser would send the same ones to either node.
        var cookies = request.Browser.Cookies.GetCookies(new Uri(new Uri(node.Origin), request.Path)).Select(c => (c.Name, c.Value)).ToList();
        if (request.CookieOverride is { } replaced)
        {
            cookies.RemoveAll(c => c.Name == replaced.Name);
            cookies.Add(replaced);
        }

        if (cookies.Count > 0)
        {
            message.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));
        }

        return message;
    }
}
