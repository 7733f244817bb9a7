namespace IdP.Server.Admin;

/// <summary>One row of a people search (no full phone number).</summary>
public sealed record PersonSummary(string Id, string? UserName, string? Email, string? DisplayName, bool LockedOut, int Phones, int VerifiedPhones);
