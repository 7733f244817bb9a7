using System.Net;
using System.Net.Sockets;
using IdP.Server.IntegrationTests.Infrastructure;

namespace IdP.Server.IntegrationTests.RateLimits;

/// <summary>
/// A cookie-keeping HTTP client (no automatic redirects) whose TCP connections come from another loopback
/// address (127.0.0.2, 127.0.0.3, …), so that the server sees a different client address — no header tricks.
/// </summary>
internal static class LoopbackClient
{
    public static HttpClient From(IdPServer server, string address)
    {
        var from = IPAddress.Parse(address);
        var handler = new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(from.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri(server.Origin) };
    }

    /// <summary>GETs a page and reads it as a <see cref="Landing"/> (forms, antiforgery token).</summary>
    public static async Task<Landing> PageAsync(this HttpClient http, string url)
    {
        var response = await http.GetAsync(url);
        return new Landing(response.StatusCode, response.RequestMessage!.RequestUri!, await response.Content.ReadAsStringAsync(), null, response);
    }
}
