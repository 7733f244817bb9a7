using IdP.Data.Entities;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace IdP.Data;

/// <summary>
/// The one database of IdP: ASP.NET Core Identity, OpenIddict's applications, authorizations,
/// scopes and tokens, Data Protection keys and IdP's own tables. Each provider has a subclass
/// (<see cref="SqliteIdPDbContext"/>, <see cref="PostgresIdPDbContext"/>) that owns its own
/// migration set; everything else depends on this base type.
/// </summary>
public abstract class IdPDbContext : IdentityDbContext<IdPUser>, IDataProtectionKeyContext
{
    protected IdPDbContext(DbContextOptions options) : base(options)
    {
    }

    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys => Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    public DbSet<ServerKey> ServerKeys => Set<ServerKey>();

    public DbSet<ClientSettings> ClientSettings => Set<ClientSettings>();

    public DbSet<AuthenticationScriptSetting> AuthenticationScripts => Set<AuthenticationScriptSetting>();

    public DbSet<AcrAlias> AcrAliases => Set<AcrAlias>();

    public DbSet<ServerSetting> ServerSettings => Set<ServerSetting>();

    public DbSet<LoginFlow> LoginFlows => Set<LoginFlow>();

    public DbSet<OtpCode> OtpCodes => Set<OtpCode>();

    public DbSet<OtpAccountState> OtpAccountStates => Set<OtpAccountState>();

    public DbSet<UserPhone> UserPhones => Set<UserPhone>();

    public DbSet<SmsMessage> SmsMessages => Set<SmsMessage>();

    public DbSet<SmsSegment> SmsSegments => Set<SmsSegment>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<SmppNodeState> SmppNodes => Set<SmppNodeState>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.ApplyConfigurationsFromAssembly(typeof(IdPDbContext).Assembly);
    }
}
