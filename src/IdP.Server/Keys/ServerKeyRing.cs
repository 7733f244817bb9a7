using Microsoft.IdentityModel.Tokens;

namespace IdP.Server.Keys;

/// <summary>
/// The signing and encryption keys loaded from the database at start. OpenIddict's options are
/// configured from here; nothing is generated per process.
/// </summary>
public sealed class ServerKeyRing
{
    private volatile Snapshot? _snapshot;

    public bool IsLoaded => _snapshot is not null;

    public IReadOnlyList<SigningCredentials> SigningCredentials =>
        (_snapshot ?? throw NotLoaded()).Signing;

    public IReadOnlyList<EncryptingCredentials> EncryptionCredentials =>
        (_snapshot ?? throw NotLoaded()).Encryption;

    internal void Load(IReadOnlyList<SigningCredentials> signing, IReadOnlyList<EncryptingCredentials> encryption) =>
        _snapshot = new Snapshot(signing, encryption);

    private static InvalidOperationException NotLoaded() => new(
        "The provider's signing keys are not loaded: the start-up initialisation did not run or failed. " +
        "Check the log above for a database error (run 'migrate' first when IdP:Database:MigrateOnStart is off).");

    private sealed record Snapshot(IReadOnlyList<SigningCredentials> Signing, IReadOnlyList<EncryptingCredentials> Encryption);
}
