using IdP.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdP.Data.Configuration;

internal sealed class LoginFlowConfiguration : IEntityTypeConfiguration<LoginFlow>
{
    public void Configure(EntityTypeBuilder<LoginFlow> builder)
    {
        builder.ToTable("IdPLoginFlows");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).HasMaxLength(64);
        builder.Property(f => f.ReportedAcr).HasMaxLength(400);
        builder.Property(f => f.ScriptAcr).HasMaxLength(200);
        builder.Property(f => f.Candidates).HasMaxLength(2000);
        builder.Property(f => f.AcceptableAcrs).HasMaxLength(2000);
        builder.Property(f => f.UserId).HasMaxLength(450);
        builder.Property(f => f.Amr).HasMaxLength(200);
        builder.Property(f => f.ClientId).HasMaxLength(100);
        builder.Property(f => f.ReturnUrl).HasMaxLength(8000);
        builder.Property(f => f.Error).HasMaxLength(100);
        builder.Property(f => f.ErrorDescription).HasMaxLength(1000);
        builder.HasIndex(f => f.ExpiresAt);
    }
}
