using IdP.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdP.Data.Configuration;

internal sealed class AuthenticationScriptSettingConfiguration : IEntityTypeConfiguration<AuthenticationScriptSetting>
{
    public void Configure(EntityTypeBuilder<AuthenticationScriptSetting> builder)
    {
        builder.ToTable("IdPAuthenticationScripts");
        builder.HasKey(s => s.Acr);
        builder.Property(s => s.Acr).HasMaxLength(200);
    }
}
