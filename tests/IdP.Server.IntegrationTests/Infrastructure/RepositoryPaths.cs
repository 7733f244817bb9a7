namespace IdP.Server.IntegrationTests.Infrastructure;

/// <summary>Locates the repository (for the Node peers, samples and screenshots).</summary>
public static class RepositoryPaths
{
    /// <summary><c>IDP_REPO_ROOT</c> (set by ./test.sh), else the nearest folder above the test binaries with IdP.sln.</summary>
    public static string Root
    {
        get
        {
            if (Environment.GetEnvironmentVariable("IDP_REPO_ROOT") is { Length: > 0 } root)
            {
                return root;
            }

            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "IdP.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("Cannot find the repository root (IdP.sln) above " + AppContext.BaseDirectory + "; run ./test.sh.");
        }
    }
}
