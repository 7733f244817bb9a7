using System.Net;
using System.Net.Sockets;

namespace IdP.Smpp.Tests.Peers;

/// <summary>
/// A free TCP port for third-party programs that cannot listen on port 0 themselves (Kannel,
/// HttpListener): bind port 0, read the port the OS picked, release it.
/// </summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
