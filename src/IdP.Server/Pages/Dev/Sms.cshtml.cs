using IdP.Authentication.Sms;
using IdP.Server.Hosting;
using IdP.Server.Security;
using IdP.Smpp.Simulator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdP.Server.Pages.Dev;

/// <summary>
/// <c>/dev/sms</c>: the messages the built-in SMSC simulator received, newest first, with their full text, so that
/// someone trying the embedded default can read the code their phone would have shown. Exists only while the
/// simulator runs in this process (demo mode, or <c>IdP:SmscSimulator:Enabled=true</c>), and only for a client on this
/// machine: any other caller, or a request relayed by a proxy, gets 404 (it would read everyone's sign-in codes).
/// </summary>
public sealed class DevSmsModel(IServiceProvider services, ISmsSender sender) : PageModel
{
    public const int Shown = 100;

    public IReadOnlyList<SimulatedMessage> Messages { get; private set; } = [];

    public int Total { get; private set; }

    public SmsGatewayStatus Gateway { get; private set; } = new("", false, null, null);

    public int SimulatorPort { get; private set; }

    public IActionResult OnGet()
    {
        if (!LocalCaller.IsLocal(HttpContext) || services.GetService<DevelopmentSmsc>()?.Simulator is not { } simulator)
        {
            return NotFound();
        }

        var messages = simulator.Messages;
        Total = messages.Count;
        Messages = messages.OrderByDescending(m => m.ReceivedAt).Take(Shown).ToList();
        Gateway = sender.Status;
        SimulatorPort = simulator.Port;
        return Page();
    }
}
