using IdP.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace IdP.Authentication.Password;

/// <summary>
/// Checks a username (or email) and password with lockout. Unknown users cost the same hash
/// verification as known ones, so timing does not reveal which accounts exist.
/// </summary>
public sealed partial class PasswordAuthenticator(UserManager<IdPUser> users, ILogger<PasswordAuthenticator> logger)
{
    // A real hash of a random password, verified against when the user does not exist.
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<IdPUser>().HashPassword(new IdPUser(), Guid.NewGuid().ToString("N")));

    /// <summary>Returns the user when the password is right and the account is not locked; null otherwise.</summary>
    public async Task<IdPUser?> AuthenticateAsync(string login, string password, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var user = await users.FindByNameAsync(login.Trim());
        if (user is null && login.Contains('@'))
        {
            user = await users.FindByEmailAsync(login.Trim());
        }

        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new IdPUser(), DummyHash.Value, password);
            LogUnknownUser(logger);
            return null;
        }

        if (await users.IsLockedOutAsync(user))
        {
            // Still verify, so a locked account answers in the same time as any other.
            await users.CheckPasswordAsync(user, password);
            LogLockedOut(logger, user.Id);
            return null;
        }

        if (!await users.CheckPasswordAsync(user, password))
        {
            await users.AccessFailedAsync(user);
            LogWrongPassword(logger, user.Id, await users.IsLockedOutAsync(user));
            return null;
        }

        await users.ResetAccessFailedCountAsync(user);
        LogSucceeded(logger, user.Id);
        return user;
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Password sign-in failed: unknown user.")]
    private static partial void LogUnknownUser(ILogger logger);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Password sign-in refused for user {UserId}: account locked out.")]
    private static partial void LogLockedOut(ILogger logger, string userId);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Password sign-in failed for user {UserId}: wrong password (locked out now: {LockedOut}).")]
    private static partial void LogWrongPassword(ILogger logger, string userId, bool lockedOut);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Password sign-in succeeded for user {UserId}.")]
    private static partial void LogSucceeded(ILogger logger, string userId);
}
