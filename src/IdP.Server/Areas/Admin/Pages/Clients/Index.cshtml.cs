using IdP.Server.Admin;

namespace IdP.Server.Areas.Admin.Pages.Clients;

/// <summary>Every relying party.</summary>
public sealed class IndexModel(ClientAdministration clients) : AdminPageModel
{
    public IReadOnlyList<ClientView> Clients { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Clients = await clients.ListAsync(ct);
}
