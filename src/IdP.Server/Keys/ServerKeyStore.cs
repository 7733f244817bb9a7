using System.Security.Cryptography;
using IdP.Data;
using IdP.Data.Entities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace IdP.Server.Keys;

/// <summary>
/// Generates the provider's RSA keys on first start, stores them (private parts protected by Data
/// Protection, whose own keys live in the same database) and loads them into the
/// <see cref="ServerKeyRing"/>. Every node and every restart sees the same keys.
/// </summary>
public sealed partial class ServerKeyStore(
    IdPDbContext db,
    IDataProtectionProvider dataProtection,
    ServerKeyRing ring,
    TimeProvider time,
    ILogger<ServerKeyStore> logger)
{
    internal const string SigningUse = "sig";
    internal const string EncryptionUse = "enc";
    private const string ProtectorPurpose = "IdP.ServerKeys.v1";

    public async Task EnsureAndLoadAsync(CancellationToken ct)
    {
        var protector = dataProtection.CreateProtector(ProtectorPurpose);
        await EnsureKeyAsync(SigningUse, SecurityAlgorithms.RsaSha256, protector, ct);
        await EnsureKeyAsync(EncryptionUse, SecurityAlgorithms.RsaOAEP, protector, ct);

        var keys = await db.ServerKeys.AsNoTracking()
            .Where(k => k.RetiredAt == null)
            .ToListAsync(ct);

        // Oldest first: if two nodes raced to create a key, all of them pick the same one.
        var ordered = keys.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).ToList();
        var signing = ordered.Where(k => k.Use == SigningUse)
            .Select(k => new SigningCredentials(ToSecurityKey(k, protector), k.Algorithm))
            .ToList();
        var encryption = ordered.Where(k => k.Use == EncryptionUse)
            .Select(k => new EncryptingCredentials(ToSecurityKey(k, protector), k.Algorithm, SecurityAlgorithms.Aes256CbcHmacSha512))
            .ToList();
        ring.Load(signing, encryption);
        LogKeysLoaded(logger, signing.Count, encryption.Count, signing[0].Key.KeyId);
    }

    private async Task EnsureKeyAsync(string use, string algorithm, IDataProtector protector, CancellationToken ct)
    {
        if (await db.ServerKeys.AnyAsync(k => k.Use == use && k.RetiredAt == null, ct))
        {
            return;
        }

        // RSA-2048 (NIST SP 800-57: acceptable through 2030): an RS256 signature costs about a sixth
        // of RSA-3072 here, and signing dominates the token endpoint (bench/oidc/README.md).
        using var rsa = RSA.Create(2048);
        var key = new ServerKey
        {
            Use = use,
            Algorithm = algorithm,
            KeyId = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
            ProtectedPrivateKey = protector.Protect(Convert.ToBase64String(rsa.ExportPkcs8PrivateKey())),
            CreatedAt = time.GetUtcNow(),
        };
        db.ServerKeys.Add(key);
        await db.SaveChangesAsync(ct);
        LogKeyGenerated(logger, use, algorithm, key.KeyId);
    }

    private static RsaSecurityKey ToSecurityKey(ServerKey key, IDataProtector protector)
    {
        string pkcs8;
        try
        {
            pkcs8 = protector.Unprotect(key.ProtectedPrivateKey);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException(
                $"Server key '{key.KeyId}' cannot be decrypted: the Data Protection keys in the database do not match it " +
                "(were the DataProtectionKeys rows deleted or the application name changed?). Restore them, or retire the key " +
                "by setting RetiredAt in IdPServerKeys so a new one is generated (clients must refetch the JWKS).", ex);
        }

        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(pkcs8), out _);
        return new RsaSecurityKey(rsa) { KeyId = key.KeyId };
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Generated a new {Use} key ({Algorithm}, kid {KeyId}); this happens once per database.")]
    private static partial void LogKeyGenerated(ILogger logger, string use, string algorithm, string keyId);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Loaded {SigningCount} signing and {EncryptionCount} encryption key(s); signing with kid {KeyId}.")]
    private static partial void LogKeysLoaded(ILogger logger, int signingCount, int encryptionCount, string keyId);
}
