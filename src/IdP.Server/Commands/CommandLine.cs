using IdP.Data;
using IdP.Data.Entities;
using IdP.Server.Admin;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace IdP.Server.Commands;

/// <summary>
/// The admin command line of the same executable: <c>IdP.Server COMMAND ...</c>. With no
/// command the server runs. Every command validates its input before writing, prints a one-line
/// reason and exits non-zero on bad input.
/// </summary>
public static class CommandLine
{
    public static readonly IReadOnlySet<string> Commands = new HashSet<string>(StringComparer.Ordinal) { "migrate", "users", "clients", "acr", "sms", "help", "--help" };

    private const string Usage = """
        Usage: IdP.Server [COMMAND]
          (no command)                 run the provider
          migrate                      apply database migrations
          users add --username U --password P [--email E] [--phone +E164 [--phone-unverified]] [--name N] [--role R]...
          users list
          users phone add --username U --phone +E164 [--replace]
                                       add a verified number (the way to give an administrator a first
                                       phone); --replace removes the other numbers; the person is notified
          clients add --client-id ID (--secret S | --public) --redirect-uri URI [--redirect-uri URI]...
                      [--post-logout-redirect-uri URI]... [--consent implicit|explicit] [--scopes "openid profile ..."]
                      [--name N] [--client-credentials] [--no-pkce]
                      [--default-acr ACR]... [--allowed-acr ACR]... [--min-acr-level N] [--refuse-below-min]
                      (admin API client: --secret S --client-credentials --scopes idp.admin)
          clients list
          acr list
          acr default set ACR          the server's default acr (every node, no restart)
          acr admin set ACR            the acr the admin console signs in with
          acr enable ACR | acr disable ACR
          acr set-property ACR KEY VALUE
          acr alias set ALIAS ACR      e.g. acr alias set urn:idp:acr:smpp smpp
          acr chooser on|off           let people pick a method when the request names none
          sms test --to +E164 [--text TEXT] [--wait SECONDS]
                                       bind with the smpp script's properties (enabled or not), send one
                                       message and wait (default 30 s) for its delivery receipt
        """;

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken ct)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            switch (args)
            {
                case ["help" or "--help", ..]:
                    await output.WriteLineAsync(Usage);
                    return 0;
                case ["migrate", .. var rest]:
                    new CommandArguments(rest, new HashSet<string>()).EnsureAllUsed();
                    var db = sp.GetRequiredService<IdPDbContext>();
                    var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
                    await db.Database.MigrateAsync(ct);
                    await output.WriteLineAsync(pending.Count == 0 ? "Database is up to date." : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}.");
                    return 0;
                case ["users", "add", .. var rest]:
                    return await AddUserAsync(sp, rest, output, ct);
                case ["users", "phone", "add", .. var rest]:
                    return await AddPhoneAsync(sp, rest, output, ct);
                case ["users", "list", .. var rest]:
                    new CommandArguments(rest, new HashSet<string>()).EnsureAllUsed();
                    return await ListUsersAsync(sp, output, ct);
                case ["clients", "add", .. var rest]:
                    return await AddClientAsync(sp, rest, output, ct);
                case ["acr", .. var rest]:
                    return await AcrCommands.RunAsync(sp, rest, output, ct, EnsureMigratedAsync);
                case ["sms", .. var rest]:
                    return await SmsCommands.RunAsync(sp, rest, output, error, ct, EnsureMigratedAsync);
                case ["clients", "list", .. var rest]:
                    new CommandArguments(rest, new HashSet<string>()).EnsureAllUsed();
                    return await ListClientsAsync(sp, output, ct);
                default:
                    throw new CommandException($"Unknown command '{string.Join(' ', args.Take(2))}'. Run 'help' for the list.");
            }
        }
        catch (CommandException ex)
        {
            await error.WriteLineAsync("error: " + ex.Message);
            return 2;
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync("error: " + ex.Message);
            return 2;
        }
    }

    private static async Task<int> AddUserAsync(IServiceProvider sp, string[] args, TextWriter output, CancellationToken ct)
    {
        var a = new CommandArguments(args, new HashSet<string> { "phone-unverified" });
        var spec = new UserSpec
        {
            Username = a.Required("username"),
            Password = a.Required("password"),
            Email = a.Optional("email"),
            Phone = a.Optional("phone"),
            PhoneVerified = !a.Flag("phone-unverified"),
            DisplayName = a.Optional("name"),
            Roles = a.Many("role").ToList(),
        };
        a.EnsureAllUsed();
        await EnsureMigratedAsync(sp, ct);
        var user = await sp.GetRequiredService<UserRegistrar>().CreateAsync(spec, ct);
        await output.WriteLineAsync($"Created user '{user.UserName}' (id {user.Id}).");
        return 0;
    }

    private static async Task<int> AddPhoneAsync(IServiceProvider sp, string[] args, TextWriter output, CancellationToken ct)
    {
        var a = new CommandArguments(args, new HashSet<string> { "replace" });
        var username = a.Required("username");
        var phone = a.Required("phone");
        var replace = a.Flag("replace");
        a.EnsureAllUsed();
        await EnsureMigratedAsync(sp, ct);
        var user = await sp.GetRequiredService<UserManager<IdPUser>>().FindByNameAsync(username)
            ?? throw new CommandException($"No user named '{username}'.");
        var masked = await sp.GetRequiredService<PeopleAdministration>().AddPhoneAsync(AdminActor.CommandLine(), user.Id, phone, replace, ct);
        await output.WriteLineAsync($"Added {masked} to '{user.UserName}' as a verified number{(replace ? ", replacing the other numbers" : "")}; the notices are in the audit log (notice.*).");
        return 0;
    }

    private static async Task<int> AddClientAsync(IServiceProvider sp, string[] args, TextWriter output, CancellationToken ct)
    {
        var a = new CommandArguments(args, new HashSet<string> { "public", "client-credentials", "no-pkce", "refuse-below-min" });
        var spec = new ClientSpec
        {
            ClientId = a.Required("client-id"),
            Secret = a.Optional("secret"),
            Public = a.Flag("public"),
            DisplayName = a.Optional("name"),
            RedirectUris = a.Many("redirect-uri").ToList(),
            PostLogoutRedirectUris = a.Many("post-logout-redirect-uri").ToList(),
            Consent = a.Optional("consent") ?? "explicit",
            AllowClientCredentials = a.Flag("client-credentials"),
            RequirePkce = !a.Flag("no-pkce"),
            DefaultAcrValues = a.Many("default-acr").ToList(),
            AllowedAcrs = a.Many("allowed-acr").ToList(),
            RefuseBelowMinimum = a.Flag("refuse-below-min"),
        };
        if (a.Optional("min-acr-level") is { } level)
        {
            spec.MinimumAcrLevel = int.TryParse(level, out var parsed) ? parsed : throw new CommandException($"--min-acr-level must be a whole number, not '{level}'.");
        }
        if (a.Optional("scopes") is { } scopes)
        {
            spec.Scopes = scopes.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).ToList();
        }

        a.EnsureAllUsed();
        await EnsureMigratedAsync(sp, ct);
        await sp.GetRequiredService<ClientRegistrar>().CreateAsync(spec, ct);
        await output.WriteLineAsync($"Created {(spec.Public ? "public" : "confidential")} client '{spec.ClientId}'.");
        return 0;
    }

    private static async Task<int> ListUsersAsync(IServiceProvider sp, TextWriter output, CancellationToken ct)
    {
        await EnsureMigratedAsync(sp, ct);
        var users = await sp.GetRequiredService<UserManager<IdPUser>>().Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        await output.WriteLineAsync("USERNAME\tEMAIL\tPHONE\tID");
        foreach (var user in users)
        {
            await output.WriteLineAsync($"{user.UserName}\t{user.Email ?? "-"}\t{MaskPhone(user.PhoneNumber, user.PhoneNumberConfirmed)}\t{user.Id}");
        }

        return 0;
    }

    private static async Task<int> ListClientsAsync(IServiceProvider sp, TextWriter output, CancellationToken ct)
    {
        await EnsureMigratedAsync(sp, ct);
        var applications = sp.GetRequiredService<IOpenIddictApplicationManager>();
        await output.WriteLineAsync("CLIENT_ID\tTYPE\tCONSENT\tREDIRECT_URIS");
        await foreach (var application in applications.ListAsync(cancellationToken: ct))
        {
            var uris = await applications.GetRedirectUrisAsync(application, ct);
            await output.WriteLineAsync(
                $"{await applications.GetClientIdAsync(application, ct)}\t{await applications.GetClientTypeAsync(application, ct)}\t" +
                $"{await applications.GetConsentTypeAsync(application, ct)}\t{string.Join(' ', uris)}");
        }

        return 0;
    }

    /// <summary>Phone numbers are personal data: the list shows only the last digits.</summary>
    private static string MaskPhone(string? phone, bool verified) =>
        string.IsNullOrEmpty(phone) ? "-" : $"•••{phone[^Math.Min(3, phone.Length)..]}{(verified ? " (verified)" : "")}";

    private static async Task EnsureMigratedAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<IdPDbContext>();
        if (sp.GetRequiredService<IdP.Server.Configuration.IdPEnvironment>().MigrateOnStart)
        {
            // Same rule as the server: where migrations run on start, commands run them too.
            await db.Database.MigrateAsync(ct);
        }
        else if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            throw new CommandException("The database schema is not up to date: run 'migrate' first.");
        }
    }
}
