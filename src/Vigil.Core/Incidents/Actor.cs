namespace Vigil.Incidents;

/// <summary>Who did something: a person acting in a role (the plan's role ids), or the plan itself.</summary>
/// <param name="Name">Display name; a signed-in user's name once sign-in exists, until then the named local operator.</param>
/// <param name="Role">Role id from the plan (duty-officer, office-director, deputy-leader, leader, …).</param>
/// <param name="UserId">Account id when the actor signed in.</param>
public sealed record Actor(string Name, string Role, string? UserId = null)
{
    /// <summary>Role of acts the plan performs by itself (an automatic response, a regrading).</summary>
    public const string PlanRole = "plan";

    /// <summary>The plan acting by its own rules, e.g. starting the Ⅰ response for a Ⅰ/Ⅱ event (SE-RESP 4.2.3.1).</summary>
    public static Actor Plan { get; } = new("Vigil", PlanRole);
}
