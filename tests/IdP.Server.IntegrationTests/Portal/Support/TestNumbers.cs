using System.Globalization;
using System.Security.Cryptography;

namespace IdP.Server.IntegrationTests.Portal.Support;

/// <summary>Fresh numbers per test: the send limits count per number and a number may belong to one account only.</summary>
public static class TestNumbers
{
    /// <summary>A random, valid German mobile number (+49 151 …), E.164.</summary>
    public static string NewMobile() => "+49151" + RandomNumberGenerator.GetInt32(10_000_000, 100_000_000).ToString(CultureInfo.InvariantCulture);

    /// <summary>The same number as a person in Germany dials it (national format).</summary>
    public static string National(string e164) => "0" + e164[3..];
}
