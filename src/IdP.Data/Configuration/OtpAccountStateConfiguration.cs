using IdP.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdP.Data.Configuration;

internal sealed class OtpAccountStateConfiguration : IEntityTypeConfiguration<OtpAccountState>
{
    public void Configure(EntityTypeBuilder<OtpAccountState> builder)
    {
        builder.ToTable("IdPOtpAccountStates");
        builder.HasKey(s => s.UserId);
        builder.Property(s => s.UserId).HasMaxLength(450);
    }
}
