using Vigil.Common;
using Vigil.Host.Plans;
using Vigil.Security.Access;

namespace Vigil.Host.Ui.Account;

/// <summary>The text of the account pages and the role picker (AccountMessages.resx, English; AccountMessages.zh-Hans.resx).</summary>
internal static class AccountText
{
    private static readonly TextCatalog Catalog = new("Vigil.Host.Ui.Account.AccountMessages", typeof(AccountText).Assembly);

    /// <summary>The text for <paramref name="key"/> in the user's language.</summary>
    public static string A(string key, params object?[] args) => Catalog.Format(key, args);

    /// <summary>A role's name: a platform role from these resources, a plan's chain role from the plan, else its id.</summary>
    public static string RoleName(string role, PlanCatalog plans) =>
        RoleIds.Platform.Contains(role)
            ? A("role." + role)
            : plans.All.Select(p => p.FindRole(role)).FirstOrDefault(r => r is not null)?.Name.ToString() ?? role;
}
