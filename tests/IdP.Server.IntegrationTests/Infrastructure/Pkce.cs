using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace IdP.Server.IntegrationTests.Infrastructure;

/// <summary>RFC 7636 verifier and S256 challenge.</summary>
public static class Pkce
{
    public static string NewVerifier() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public static string S256(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public static string NewRandom() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
}
