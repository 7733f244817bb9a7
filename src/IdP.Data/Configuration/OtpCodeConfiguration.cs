using IdP.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdP.Data.Configuration;

internal sealed class OtpCodeConfiguration : IEntityTypeConfiguration<OtpCode>
{
    public void Configure(EntityTypeBuilder<OtpCode> builder)
    {
        builder.ToTable("IdPOtpCodes");
        builder.Property(c => c.FlowId).HasMaxLength(64);
        builder.Property(c => c.UserId).HasMaxLength(450);
        builder.Property(c => c.CodeHash).HasMaxLength(64);
        builder.Property(c => c.Reference).HasMaxLength(16);
        builder.HasIndex(c => new { c.FlowId, c.UserId });
        builder.HasIndex(c => c.ExpiresAt);
    }
}
