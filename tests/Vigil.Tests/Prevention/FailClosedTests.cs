using Microsoft.Extensions.DependencyInjection;
using Vigil.Common;
using Vigil.Host.Prevention;
using Vigil.Host.Security;
using Vigil.Security.Access;

namespace Vigil.Tests.Prevention;

/// <summary>
/// Issue 12 item 12 (SEC access for the authorised only): a role that has no part in dual prevention is refused, never
/// mapped to the regulator by default, even where an endpoint's list of roles names it by mistake.
/// </summary>
public sealed class FailClosedTests : IAsyncLifetime
{
    private readonly PreventionWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public void Only_the_prevention_roles_have_a_part_in_prevention()
    {
        Assert.All(PreventionRoles.All, role => Assert.NotNull(PreventionRoles.ActorRoleOf(role)));
        Assert.All(RoleIds.Platform.Except(PreventionRoles.All).Append("duty-officer").Append(""), role => Assert.Null(PreventionRoles.ActorRoleOf(role)));
    }

    [Fact]
    public async Task Acting_in_a_role_prevention_does_not_know_is_refused_where_it_was_taken_for_a_regulator()
    {
        var userName = await _world.App.CreateUser("两个角色", [(RoleIds.DivisionStaff, "310104"), (RoleIds.Auditor, "310104")]);
        await using var scope = _world.App.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var gate = scope.ServiceProvider.GetRequiredService<EnterpriseGate>();
        var user = (await accounts.FindByNameAsync(userName))!;
        string[] misconfigured = [RoleIds.DivisionStaff, RoleIds.Auditor];

        var asAuditor = await gate.ContextAsync(await accounts.AccessAsync(user, RoleIds.Auditor), Guid.Parse(_world.EnterpriseId), misconfigured);
        Assert.False(asAuditor.IsSuccess);
        Assert.Equal(ProblemKind.Forbidden, asAuditor.Kind);

        var asStaff = await gate.ContextAsync(await accounts.AccessAsync(user, RoleIds.DivisionStaff), Guid.Parse(_world.EnterpriseId), misconfigured);
        Assert.Equal(Vigil.Prevention.ActorRole.Regulator, asStaff.Value.ActorRole);
    }
}
