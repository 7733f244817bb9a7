using IdP.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdP.Data.Configuration;

internal sealed class ServerKeyConfiguration : IEntityTypeConfiguration<ServerKey>
{
    public void Configure(EntityTypeBuilder<ServerKey> builder)
    {
        builder.ToTable("IdPServerKeys");
        builder.Property(k => k.Use).HasMaxLength(8).IsRequired();
        builder.Property(k => k.Algorithm).HasMaxLength(32).IsRequired();
        builder.Property(k => k.KeyId).HasMaxLength(64).IsRequired();
        builder.HasIndex(k => k.KeyId).IsUnique();
        builder.Property(k => k.ProtectedPrivateKey).IsRequired();
    }
}
