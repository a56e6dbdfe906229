using System.Text.Json.Nodes;

namespace Vigil.Tests.Incidents;

/// <summary>Reads the parts of <c>GET /api/incidents/{id}</c> the incident tests look at.</summary>
internal static class IncidentJson
{
    public static string Id(JsonNode incident) => incident["id"]!.GetValue<string>();

    public static string Level(JsonNode incident) => incident["eventLevel"]!.GetValue<string>();

    /// <summary>The running response's level, or null.</summary>
    public static string? Response(JsonNode incident) => incident["response"]?["level"]?.GetValue<string>();

    public static string LastProposal(JsonNode incident) => incident["proposals"]!.AsArray()[^1]!["id"]!.GetValue<string>();

    /// <summary>The reporting duty with this id.</summary>
    public static JsonNode Duty(JsonNode incident, string id) => incident["duties"]!.AsArray().Single(d => d!["id"]!.GetValue<string>() == id)!;
}
