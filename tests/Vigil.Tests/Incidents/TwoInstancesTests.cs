using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Host.Incidents;

namespace Vigil.Tests.Incidents;

/// <summary>Issue 14: two Vigil instances on one PostgreSQL database share what happens, not only what is stored.</summary>
public sealed class TwoInstancesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_incident_recorded_on_instance_A_reaches_the_live_board_of_instance_B()
    {
        await using var a = new VigilFactory { Engine = DatabaseProvider.PostgreSql };
        await using var b = new VigilFactory { SharesDatabaseWith = a };
        using var duty = await a.As("值班员甲", "duty-officer", "310104");
        var onA = a.Services.GetRequiredService<IncidentNotifier>();
        var onB = b.Services.GetRequiredService<IncidentNotifier>();
        await Task.WhenAll(onA.Listening, onB.Listening).WaitAsync(Patience);
        var heardOnA = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        var heardOnB = new TaskCompletionSource<(Guid Id, string Division)>(TaskCreationOptions.RunContinuationsAsynchronously);
        onA.IncidentChanged += (id, _) => heardOnA.TrySetResult(id);
        onB.IncidentChanged += (id, division) => heardOnB.TrySetResult((id, division));

        var (created, incident) = await duty.PostJson("/api/incidents", ElevatorStoryTests.Initial);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = Guid.Parse(incident["id"]!.GetValue<string>());
        Assert.Equal((id, "310104"), await heardOnB.Task.WaitAsync(Patience));
        Assert.Equal(id, await heardOnA.Task.WaitAsync(Patience));

        // B reads what A stored: a director whose account was created on A signs in on B and opens the incident.
        var directorName = await a.CreateUser("办公室主任乙", [("office-director", "310104")]);
        using var director = (await b.SignIn(directorName, VigilFactory.Password)).Client;
        var read = await director.GetJson($"/api/incidents/{id}");
        Assert.Equal("IV", read["eventLevel"]!.GetValue<string>());
    }
}
