using System.Net;
using System.Net.Sockets;

namespace IdP.Smpp;

/// <summary>How the client judges the address it is connected to.</summary>
public static class SmppNetwork
{
    /// <summary>
    /// True for addresses that do not cross the public internet: loopback (127.0.0.0/8, ::1), RFC 1918
    /// (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16), link-local (169.254.0.0/16, fe80::/10) and IPv6 unique local
    /// (fc00::/7, and the deprecated site-local fec0::/10). IPv4-mapped IPv6 addresses are judged as IPv4. Everything
    /// else — including carrier-grade NAT space (100.64.0.0/10), which lies in a provider's network, not ours — is
    /// not private: a session without TLS to it is logged as a warning at every bind.
    /// </summary>
    public static bool IsPrivate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return b[0] == 10
                || (b[0] == 172 && (b[1] & 0xF0) == 16)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254);
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6
            && (address.IsIPv6LinkLocal || address.IsIPv6UniqueLocal || address.IsIPv6SiteLocal);
    }
}
