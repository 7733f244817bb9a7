namespace IdP.Data.Entities;

/// <summary>Another name for a script's acr, e.g. the absolute URI <c>urn:idp:acr:smpp</c> for <c>smpp</c>.</summary>
public class AcrAlias
{
    public string Alias { get; set; } = "";

    public string Acr { get; set; } = "";
}
