namespace IdP.Smpp.Tests.Peers;

/// <summary>
/// Checks for the independent peers the tests need. A missing peer is a failure with a clear
/// remedy, never a skip: these tests are the proof that IdP.Smpp talks to code we did not write.
/// </summary>
public static class PeerPrerequisites
{
    public const string Remedy = "run ./test.sh (installs the Node peers with npm ci)";

    public const string KannelRemedy = "run ./test.sh (installs Debian's kannel package: /usr/sbin/bearerbox, /usr/sbin/smsbox)";

    public static string NodeExecutable()
    {
        foreach (var candidate in CandidatePaths("node"))
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail($"node is not installed or not on PATH: {Remedy}.");
        return null!;
    }

    public static string SmscScript()
    {
        var modules = RepoRoot.Combine("tests", "peers", "node_modules", "smpp", "package.json");
        if (!File.Exists(modules))
        {
            Assert.Fail($"tests/peers/node_modules/smpp is missing: {Remedy}.");
        }

        return RepoRoot.Combine("tests", "peers", "smsc.js");
    }

    public static (string Bearerbox, string Smsbox) Kannel()
    {
        const string bearerbox = "/usr/sbin/bearerbox";
        const string smsbox = "/usr/sbin/smsbox";
        if (!File.Exists(bearerbox) || !File.Exists(smsbox))
        {
            Assert.Fail($"Kannel is not installed ({bearerbox}, {smsbox} missing): {KannelRemedy}.");
        }

        return (bearerbox, smsbox);
    }

    private static IEnumerable<string> CandidatePaths(string executable)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return System.IO.Path.Combine(dir, executable);
        }

        yield return "/usr/bin/" + executable;
        yield return "/usr/local/bin/" + executable;
    }
}
