namespace IdP.Smpp.Tests.Peers;

/// <summary>Locates the repository root (the folder holding IdP.sln) from the test binaries.</summary>
public static class RepoRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        // Tools that run these helpers from outside the clone (e.g. a copied harness) can point here.
        var fromEnvironment = Environment.GetEnvironmentVariable("IDP_REPO_ROOT");
        if (!string.IsNullOrEmpty(fromEnvironment) && File.Exists(System.IO.Path.Combine(fromEnvironment, "IdP.sln")))
        {
            return fromEnvironment;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "IdP.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"IdP.sln not found above {AppContext.BaseDirectory}; run the tests from a clone of the repository (./test.sh).");
    }
}
