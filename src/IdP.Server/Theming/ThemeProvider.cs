using System.Text.Json;
using IdP.Server.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace IdP.Server.Theming;

/// <summary>
/// Finds the configured theme folder (shipped next to the binaries, or <c>themes/</c> of the
/// source tree when run with <c>dotnet run</c>) and reads its <c>theme.json</c> once.
/// </summary>
public sealed class ThemeProvider
{
    public ThemeProvider(IOptions<IdPOptions> options, IWebHostEnvironment environment)
    {
        var name = options.Value.Theme;
        var candidates = new[]
        {
            Path.Combine(AppContext.BaseDirectory, "themes", name),
            Path.Combine(environment.ContentRootPath, "themes", name),
            Path.Combine(environment.ContentRootPath, "..", "..", "themes", name),
        };
        Directory = candidates.Select(Path.GetFullPath).FirstOrDefault(System.IO.Directory.Exists)
            ?? throw new InvalidOperationException(
                $"Theme '{name}' was not found (looked in {string.Join(", ", candidates.Select(Path.GetFullPath))}). " +
                "Set IdP:Theme to a folder that exists under themes/.");
        var json = Path.Combine(Directory, "theme.json");
        Theme = File.Exists(json)
            ? JsonSerializer.Deserialize<Theme>(File.ReadAllText(json), new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? new Theme()
            : new Theme();
        FileProvider = new PhysicalFileProvider(Directory);
    }

    public string Directory { get; }

    public Theme Theme { get; }

    public IFileProvider FileProvider { get; }
}
