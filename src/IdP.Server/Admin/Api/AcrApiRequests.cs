namespace IdP.Server.Admin.Api;

/// <summary>Body of <c>PUT /admin/api/scripts/{acr}/properties/{key}</c>.</summary>
public sealed record PropertyValueRequest(string? Value);

/// <summary>Body of <c>PUT /admin/api/settings/default-acr</c> and <c>/admin-acr</c>.</summary>
public sealed record AcrSettingRequest(string? Acr, bool Confirm = false);
