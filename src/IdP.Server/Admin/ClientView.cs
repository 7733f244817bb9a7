namespace IdP.Server.Admin;

/// <summary>A relying party as the console and the API show it (never its secret).</summary>
/// <param name="Spec">Its registration, with <see cref="ClientSpec.Secret"/> always null.</param>
/// <param name="Disabled">A disabled client cannot start flows or get tokens.</param>
/// <param name="CreatedAt">When it was registered (from its settings row), if known.</param>
public sealed record ClientView(ClientSpec Spec, bool Disabled, DateTimeOffset? CreatedAt);
