using IdP.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdP.Data.Configuration;

internal sealed class AcrAliasConfiguration : IEntityTypeConfiguration<AcrAlias>
{
    public void Configure(EntityTypeBuilder<AcrAlias> builder)
    {
        builder.ToTable("IdPAcrAliases");
        builder.HasKey(a => a.Alias);
        builder.Property(a => a.Alias).HasMaxLength(400);
        builder.Property(a => a.Acr).HasMaxLength(200);
    }
}
