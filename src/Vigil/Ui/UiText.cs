using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Common;

namespace Vigil.Host.Ui;

/// <summary>The web UI's text (UiMessages.resx, English; UiMessages.zh-Hans.resx) and its culture-aware formats.</summary>
internal static class UiText
{
    private static readonly TextCatalog Catalog = new("Vigil.Host.Ui.UiMessages", typeof(UiText).Assembly);

    /// <summary>The text for <paramref name="key"/> in the user's language.</summary>
    public static string T(string key, params object?[] args) => Catalog.Format(key, args);

    /// <summary>Whether the page is in English (otherwise Chinese).</summary>
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>A time the views give in the plan's zone (ISO 8601 with offset), shown in the user's date format.</summary>
    public static string When(DateTimeOffset time) => time.ToString("g", CultureInfo.CurrentCulture);

    /// <summary>Parses a view's ISO 8601 time, keeping its offset (the plan's zone).</summary>
    public static DateTimeOffset? Time(JsonNode? node) =>
        Text(node) is { Length: > 0 } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    /// <summary>Time left until a deadline as d/hh:mm:ss, or how long it is overdue.</summary>
    public static string Countdown(TimeSpan left)
    {
        var span = left.Duration();
        var text = span.Days > 0
            ? T("time.daysHms", span.Days, span.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture))
            : span.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
        return left < TimeSpan.Zero ? T("time.overdueBy", text) : T("time.left", text);
    }

    /// <summary>A number in the user's culture.</summary>
    public static string Number(decimal? value) => value?.ToString("G", CultureInfo.CurrentCulture) ?? "—";

    /// <summary>A view's value as text (strings as they are, ids and numbers in their JSON form).</summary>
    public static string Str(this JsonNode? node, string key) => Text(node?[key]);

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.TryGetValue<string>(out var text) ? text : value.Deserialize<string>()!,
        _ => node.ToString(),
    };

    public static JsonArray Arr(this JsonNode? node, string key) => node?[key] as JsonArray ?? [];

    public static int Int(this JsonNode? node, string key) => node?[key]?.GetValue<int>() ?? 0;

    public static bool Bool(this JsonNode? node, string key) => node?[key]?.GetValue<bool>() ?? false;
}
