namespace IdP.Smpp.Tests.Peers;

/// <summary>Locates the repository root (the folder holding IdP.sln) from the test binaries.</summary>
public static class RepoRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
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
