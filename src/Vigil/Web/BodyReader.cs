using System.Globalization;
using System.Text.Json;
using Vigil.Common;

namespace Vigil.Host.Web;

/// <summary>Reads optional fields of a JSON request body, collecting a problem for each field of the wrong type.</summary>
internal sealed class BodyReader(JsonElement body)
{
    /// <summary>Longest free text accepted in a reason or note.</summary>
    public const int MaxText = 2000;

    private readonly List<Problem> _problems = [];

    public IReadOnlyList<Problem> Problems => _problems;

    public bool IsValid => _problems.Count == 0 && body.ValueKind == JsonValueKind.Object;

    public JsonElement Root => body;

    public IResult Problem() => ApiProblems.From(Refused<object>());

    /// <summary>The refusal of an invalid body, for services that answer with an outcome (the API and the web UI alike).</summary>
    public Outcome<T> Refused<T>() => Outcome.Refused<T>(_problems.Count > 0 ? _problems : [ApiProblems.Problem("$", "field.required", "$")]);

    public string? Text(string name, bool required = false, int maxLength = MaxText)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Add(name, "field.required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Add(name, "field.text");
            return null;
        }

        var text = value.GetString()!.Trim();
        if (text.Length > maxLength)
        {
            Add(name, "field.tooLong", maxLength);
            return null;
        }

        if (required && text.Length == 0)
        {
            Add(name, "field.required");
            return null;
        }

        return text;
    }

    public DateTimeOffset? Time(string name)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) && (text.EndsWith('Z') || text.Length > 19))
        {
            return time;
        }

        Add(name, "field.time", text);
        return null;
    }

    public JsonElement? Element(string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) ? value : null;

    public void Add(string field, string code, params object[] args) =>
        _problems.Add(new Problem(field, code, HostText.Format(code, [field, .. args])));

    /// <summary>Adds a problem an area worded with its own text resources.</summary>
    public void Add(Problem problem) => _problems.Add(problem);
    /// <summary>Adds problems already localized by an area's own text catalog.</summary>
    public void Add(IEnumerable<Problem> problems) => _problems.AddRange(problems);
}
