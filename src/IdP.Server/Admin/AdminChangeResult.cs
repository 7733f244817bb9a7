namespace IdP.Server.Admin;

/// <summary>
/// The outcome of a change that can lock administrators out: applied, or held back with the warnings an
/// admin must confirm explicitly before it is applied.
/// </summary>
public sealed record AdminChangeResult(bool Applied, IReadOnlyList<string> Warnings)
{
    public static AdminChangeResult Done(IReadOnlyList<string>? confirmedWarnings = null) => new(true, confirmedWarnings ?? []);

    public static AdminChangeResult NeedsConfirmation(IReadOnlyList<string> warnings) => new(false, warnings);
}
