using IdP.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdP.Data.Configuration;

internal sealed class UserPhoneConfiguration : IEntityTypeConfiguration<UserPhone>
{
    public void Configure(EntityTypeBuilder<UserPhone> builder)
    {
        builder.ToTable("IdPUserPhones");
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.Property(p => p.Number).HasMaxLength(32);
        builder.Property(p => p.Nickname).HasMaxLength(64);
        builder.HasIndex(p => new { p.UserId, p.Number }).IsUnique();
        builder.HasIndex(p => p.Number);
        builder.HasOne<IdPUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SmsMessageConfiguration : IEntityTypeConfiguration<SmsMessage>
{
    public void Configure(EntityTypeBuilder<SmsMessage> builder)
    {
        builder.ToTable("IdPSmsMessages");
        builder.Property(m => m.Purpose).HasMaxLength(16);
        builder.Property(m => m.FlowId).HasMaxLength(64);
        builder.Property(m => m.UserId).HasMaxLength(450);
        builder.Property(m => m.ClientId).HasMaxLength(256);
        builder.Property(m => m.RemoteAddress).HasMaxLength(64);
        builder.Property(m => m.DestinationHash).HasMaxLength(64);
        builder.Property(m => m.DestinationMasked).HasMaxLength(48);
        builder.Property(m => m.Reference).HasMaxLength(16);
        builder.Property(m => m.MessageIds).HasMaxLength(1024);
        builder.Property(m => m.State).HasMaxLength(16);
        builder.Property(m => m.Error).HasMaxLength(512);
        builder.Property(m => m.Node).HasMaxLength(128);
        builder.HasIndex(m => m.CreatedAt);
        builder.HasIndex(m => new { m.DestinationHash, m.CreatedAt });
        builder.HasIndex(m => new { m.UserId, m.CreatedAt });
        builder.HasIndex(m => new { m.RemoteAddress, m.CreatedAt });
        builder.HasIndex(m => m.FlowId);
    }
}

internal sealed class SmsSegmentConfiguration : IEntityTypeConfiguration<SmsSegment>
{
    public void Configure(EntityTypeBuilder<SmsSegment> builder)
    {
        builder.ToTable("IdPSmsSegments");
        builder.Property(s => s.MessageId).HasMaxLength(128);
        builder.Property(s => s.ReceiptState).HasMaxLength(16);
        builder.HasIndex(s => s.MessageId);
        builder.HasOne<SmsMessage>().WithMany().HasForeignKey(s => s.SmsMessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("IdPAuditEvents");
        builder.Property(e => e.Type).HasMaxLength(48);
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.ActorId).HasMaxLength(450);
        builder.Property(e => e.ClientId).HasMaxLength(256);
        builder.Property(e => e.RemoteAddress).HasMaxLength(64);
        builder.Property(e => e.Acr).HasMaxLength(256);
        builder.Property(e => e.Detail).HasMaxLength(1024);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.UserId, e.At });
        builder.HasIndex(e => new { e.Type, e.At });
    }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("IdPUserSessions");
        builder.Property(s => s.Id).HasMaxLength(64);
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.Property(s => s.Acr).HasMaxLength(256);
        builder.Property(s => s.Amr).HasMaxLength(256);
        builder.Property(s => s.RemoteAddress).HasMaxLength(64);
        builder.Property(s => s.UserAgent).HasMaxLength(512);
        builder.HasIndex(s => new { s.UserId, s.LastSeenAt });
        builder.HasOne<IdPUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SmppNodeStateConfiguration : IEntityTypeConfiguration<SmppNodeState>
{
    public void Configure(EntityTypeBuilder<SmppNodeState> builder)
    {
        builder.ToTable("IdPSmppNodes");
        builder.HasKey(n => n.Node);
        builder.Property(n => n.Node).HasMaxLength(128);
        builder.Property(n => n.State).HasMaxLength(32);
        builder.Property(n => n.Detail).HasMaxLength(512);
        builder.Property(n => n.Endpoint).HasMaxLength(300);
    }
}
