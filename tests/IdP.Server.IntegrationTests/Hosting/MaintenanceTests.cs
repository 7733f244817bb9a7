using IdP.Data;
using IdP.Data.Entities;
using IdP.Server.Hosting;
using IdP.Server.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.IntegrationTests.Hosting;

/// <summary>The hourly maintenance removes what nobody needs any more, and nothing else.</summary>
[Collection(ServerCollections.Session)]
public sealed class MaintenanceTests(IdPServerFixture fixture)
{
    [Fact]
    public async Task RunOnce_RemovesSilentNodeRowsAndEndedSessions_KeepsLiveOnes()
    {
        var user = await fixture.Server.CreateUserAsync();
        var now = DateTimeOffset.UtcNow;
        var tag = Guid.NewGuid().ToString("N")[..8];
        await using (var scope = fixture.Server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdPDbContext>();
            db.SmppNodes.AddRange(
                new SmppNodeState { Node = "old-" + tag, State = "Stopped", UpdatedAt = now.AddDays(-2) },
                new SmppNodeState { Node = "live-" + tag, State = "BoundTransceiver", UpdatedAt = now });
            db.UserSessions.AddRange(
                new UserSession { Id = "stale-" + tag, UserId = user.Id, CreatedAt = now.AddDays(-3), LastSeenAt = now.AddDays(-2) },
                new UserSession { Id = "ended-" + tag, UserId = user.Id, CreatedAt = now.AddHours(-30), LastSeenAt = now.AddHours(-1), RevokedAt = now.AddHours(-26) },
                new UserSession { Id = "live-" + tag, UserId = user.Id, CreatedAt = now.AddHours(-1), LastSeenAt = now });
            await db.SaveChangesAsync();
        }

        await fixture.Server.Services.GetRequiredService<MaintenanceService>().RunOnceAsync(CancellationToken.None);

        await using var check = fixture.Server.Services.CreateAsyncScope();
        var after = check.ServiceProvider.GetRequiredService<IdPDbContext>();
        Assert.Equal(["live-" + tag], await after.SmppNodes.Where(n => n.Node.EndsWith(tag)).Select(n => n.Node).ToListAsync());
        Assert.Equal(["live-" + tag], await after.UserSessions.Where(s => s.UserId == user.Id).Select(s => s.Id).ToListAsync());
    }
}
