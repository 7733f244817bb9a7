using IdP.Authentication.Phones;
using IdP.Data;
using IdP.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace IdP.Server.Admin;

/// <summary>
/// Creates people after validating every field first (phone in E.164, password policy), so bad
/// input leaves nothing half-written.
/// </summary>
public sealed class UserRegistrar(UserManager<IdPUser> users, RoleManager<IdentityRole> roles, IdPDbContext db, TimeProvider time)
{
    public async Task<IdPUser> CreateAsync(UserSpec spec, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(spec.Username))
        {
            errors.Add("--username is required.");
        }

        if (string.IsNullOrEmpty(spec.Password))
        {
            errors.Add("--password is required.");
        }

        string? phone = null;
        if (!string.IsNullOrWhiteSpace(spec.Phone))
        {
            if (PhoneNumberRules.TryNormalize(spec.Phone, out var e164, out var phoneError))
            {
                phone = e164;
            }
            else
            {
                errors.Add(phoneError!);
            }
        }

        if (spec.Email is { Length: > 0 } email && !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email))
        {
            errors.Add($"Email '{email}' is not a valid address.");
        }

        var user = new IdPUser
        {
            UserName = spec.Username.Trim(),
            Email = string.IsNullOrWhiteSpace(spec.Email) ? null : spec.Email.Trim(),
            EmailConfirmed = !string.IsNullOrWhiteSpace(spec.Email),
            PhoneNumber = phone,
            PhoneNumberConfirmed = phone is not null && spec.PhoneVerified,
            DisplayName = spec.DisplayName,
            CreatedAt = time.GetUtcNow(),
        };

        if (errors.Count == 0)
        {
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, user, spec.Password);
                errors.AddRange(result.Errors.Select(e => e.Description));
            }

            if (await users.FindByNameAsync(user.UserName) is not null)
            {
                errors.Add($"A user named '{user.UserName}' already exists.");
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors));
        }

        var created = await users.CreateAsync(user, spec.Password);
        if (!created.Succeeded)
        {
            throw new ArgumentException(string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        if (phone is not null)
        {
            db.UserPhones.Add(new UserPhone
            {
                UserId = user.Id,
                Number = phone,
                CreatedAt = user.CreatedAt,
                VerifiedAt = spec.PhoneVerified ? user.CreatedAt : null,
            });
            await db.SaveChangesAsync(ct);
        }

        foreach (var role in spec.Roles)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }

            await users.AddToRoleAsync(user, role);
        }

        return user;
    }
}
