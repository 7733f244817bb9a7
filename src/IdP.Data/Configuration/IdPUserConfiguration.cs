using IdP.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdP.Data.Configuration;

internal sealed class IdPUserConfiguration : IEntityTypeConfiguration<IdPUser>
{
    public void Configure(EntityTypeBuilder<IdPUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.PhoneNumber).HasMaxLength(32);
    }
}
