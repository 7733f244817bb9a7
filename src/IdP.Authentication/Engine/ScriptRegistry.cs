using System.Reflection;
using System.Runtime.Loader;
using IdP.Authentication.Scripts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IdP.Authentication.Engine;

/// <summary>
/// Every authentication script by acr: the built-ins registered in DI, plus third-party scripts
/// found in the plugins folder at start (any public, non-abstract type implementing
/// <see cref="IAuthenticationScript"/>, created with constructor injection).
/// </summary>
public sealed partial class ScriptRegistry
{
    public const string BuiltInOrigin = "built-in";

    private readonly Dictionary<string, ScriptSource> _scripts = new(StringComparer.Ordinal);

    public ScriptRegistry(IEnumerable<IAuthenticationScript> builtIns, IServiceProvider services, AuthenticationEngineOptions options, ILogger<ScriptRegistry> logger)
    {
        foreach (var script in builtIns)
        {
            Add(new ScriptSource(script, BuiltInOrigin));
        }

        if (!string.IsNullOrEmpty(options.PluginsDirectory) && Directory.Exists(options.PluginsDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(options.PluginsDirectory, "*.dll").Order(StringComparer.Ordinal))
            {
                foreach (var script in LoadPlugin(file, services))
                {
                    Add(new ScriptSource(script, Path.GetFileName(file)));
                    LogPluginLoaded(logger, script.Acr, script.Level, Path.GetFileName(file));
                }
            }
        }
    }

    /// <summary>All scripts, weakest first.</summary>
    public IReadOnlyList<ScriptSource> All => _scripts.Values.OrderBy(s => s.Script.Level).ThenBy(s => s.Script.Acr, StringComparer.Ordinal).ToList();

    public ScriptSource? Find(string acr) => _scripts.GetValueOrDefault(acr);

    private void Add(ScriptSource source)
    {
        var acr = source.Script.Acr;
        if (string.IsNullOrWhiteSpace(acr) || acr.Any(char.IsWhiteSpace))
        {
            throw new InvalidOperationException($"The authentication script {source.Script.GetType().FullName} ({source.Origin}) has an empty acr or one with spaces.");
        }

        if (_scripts.TryGetValue(acr, out var existing))
        {
            throw new InvalidOperationException(
                $"Two authentication scripts claim the acr '{acr}': {existing.Script.GetType().FullName} ({existing.Origin}) and " +
                $"{source.Script.GetType().FullName} ({source.Origin}). Remove one of them from the plugins folder.");
        }

        _scripts[acr] = source;
    }

    private static IEnumerable<IAuthenticationScript> LoadPlugin(string file, IServiceProvider services)
    {
        // A plugin folder often carries copies of the host's own assemblies (the contract, EF):
        // the host's copy is the one in use, so those files are skipped, not loaded twice. A plugin
        // already loaded from this very file (a second host in the same process) is reused.
        var path = Path.GetFullPath(file);
        var name = TryGetAssemblyName(path);
        if (name is null)
        {
            yield break;
        }

        var loaded = AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => a.GetName().Name == name);
        if (loaded is not null && !string.Equals(loaded.Location, path, StringComparison.Ordinal))
        {
            yield break;
        }

        Assembly assembly;
        if (loaded is not null)
        {
            assembly = loaded;
        }
        else
        {
            try
            {
                assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
            }
            catch (FileLoadException ex)
            {
                throw new InvalidOperationException($"The plugin '{file}' could not be loaded: {ex.Message}", ex);
            }
        }

        var types = assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IAuthenticationScript).IsAssignableFrom(t));
        foreach (var type in types)
        {
            yield return (IAuthenticationScript)ActivatorUtilities.CreateInstance(services, type);
        }
    }

    /// <summary>The assembly name, or null for a file that is not a .NET assembly (a native library).</summary>
    private static string? TryGetAssemblyName(string file)
    {
        try
        {
            return AssemblyName.GetAssemblyName(Path.GetFullPath(file)).Name;
        }
        catch (BadImageFormatException)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Loaded authentication script '{Acr}' (level {Level}) from plugin {File}.")]
    private static partial void LogPluginLoaded(ILogger logger, string acr, int level, string file);
}
