using System.Security.Cryptography;
using IdP.Data;
using IdP.Data.Entities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace IdP.Authentication.Otp;

/// <summary>
/// The HMAC key codes are hashed with: 256 random bits created once per database (protected by
/// Data Protection at rest) and shared by every node, so a code issued on one node verifies on any.
/// </summary>
public sealed class OtpKeyProvider(IDataProtectionProvider dataProtection, TimeProvider time)
{
    private const string Use = "otp";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _key;

    private IDataProtector Protector => dataProtection.CreateProtector("IdP.OtpKey.v1");

    public async ValueTask<byte[]> GetKeyAsync(IdPDbContext db, CancellationToken ct)
    {
        if (_key is { } key)
        {
            return key;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (_key is not null)
            {
                return _key;
            }

            var row = await db.ServerKeys.AsNoTracking().Where(k => k.Use == Use && k.RetiredAt == null).OrderBy(k => k.Id).FirstOrDefaultAsync(ct);
            if (row is null)
            {
                db.ServerKeys.Add(new ServerKey
                {
                    Use = Use,
                    Algorithm = "HS256",
                    KeyId = "otp-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant(),
                    ProtectedPrivateKey = Protector.Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))),
                    CreatedAt = time.GetUtcNow(),
                });
                await db.SaveChangesAsync(ct);

                // Re-read: if two nodes raced, both take the oldest row.
                row = await db.ServerKeys.AsNoTracking().Where(k => k.Use == Use && k.RetiredAt == null).OrderBy(k => k.Id).FirstAsync(ct);
            }

            return _key = Convert.FromBase64String(Protector.Unprotect(row.ProtectedPrivateKey));
        }
        finally
        {
            _gate.Release();
        }
    }
}
