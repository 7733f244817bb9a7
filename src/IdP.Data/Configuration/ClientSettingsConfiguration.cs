using IdP.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdP.Data.Configuration;

internal sealed class ClientSettingsConfiguration : IEntityTypeConfiguration<ClientSettings>
{
    public void Configure(EntityTypeBuilder<ClientSettings> builder)
    {
        builder.ToTable("IdPClientSettings");
        builder.HasKey(c => c.ClientId);
        builder.Property(c => c.ClientId).HasMaxLength(100);
        builder.Property(c => c.DefaultAcrValues).HasMaxLength(1000);
    }
}
