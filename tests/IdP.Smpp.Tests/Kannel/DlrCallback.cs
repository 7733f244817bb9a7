using System.Collections.Specialized;

namespace IdP.Smpp.Tests.Kannel;

/// <summary>One dlr-url call Kannel made, with its decoded query string.</summary>
public sealed record DlrCallback(string RawUrl, NameValueCollection Query)
{
    public string? this[string name] => Query[name];

    public override string ToString() => RawUrl;
}
