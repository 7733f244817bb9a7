namespace IdP.Server.Portal;

/// <summary>
/// What a sensitive change needs: a recent authentication (<see cref="FreshUntil"/>) at the user's strongest
/// available method (<see cref="Acr"/>, <see cref="Level"/>).
/// </summary>
/// <param name="Acr">The method to step up with: <c>smpp</c> to the current phone, else <c>pwd</c>.</param>
/// <param name="Level">That method's level; the session must be at least this strong.</param>
/// <param name="IsSatisfied">The session is recent and strong enough now.</param>
/// <param name="FreshUntil">When the current authentication stops counting as recent.</param>
public sealed record StepUpRequirement(string Acr, int Level, bool IsSatisfied, DateTimeOffset FreshUntil);
