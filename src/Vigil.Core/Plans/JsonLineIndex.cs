using System.Text.Json;

namespace Vigil.Plans;

/// <summary>
/// Maps JSON paths (<c>$.gradings[0].criteria[3].when</c>) to 1-based line and column, so that an error found
/// after deserialisation still names the line a person must edit. System.Text.Json only reports lines for
/// syntax errors; this walks the token stream once and remembers where each value starts.
/// </summary>
internal sealed class JsonLineIndex
{
    private readonly Dictionary<string, int> _offsets = new(StringComparer.Ordinal);
    private readonly List<int> _lineStarts = [0];

    private JsonLineIndex(ReadOnlySpan<byte> utf8)
    {
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                _lineStarts.Add(i + 1);
            }
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var containers = new Stack<(string Path, bool IsArray, int NextIndex)>();
        string? property = null;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                property = reader.GetString();
                _offsets.TryAdd(containers.Peek().Path + "." + property, (int)reader.TokenStartIndex);
                continue;
            }

            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                containers.Pop();
                continue;
            }

            string path;
            if (containers.Count == 0)
            {
                path = "$";
            }
            else if (containers.Peek().IsArray)
            {
                var (parentPath, isArray, next) = containers.Pop();
                containers.Push((parentPath, isArray, next + 1));
                path = $"{parentPath}[{next}]";
            }
            else
            {
                path = containers.Peek().Path + "." + property;
            }

            _offsets[path] = (int)reader.TokenStartIndex;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                containers.Push((path, reader.TokenType == JsonTokenType.StartArray, 0));
            }
        }
    }

    /// <summary>Builds the index, or null when the text is not valid JSON (the deserialiser reports that itself).</summary>
    public static JsonLineIndex? TryBuild(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return new JsonLineIndex(utf8);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Line and column of the nearest indexed ancestor of <paramref name="path"/>.</summary>
    public (int Line, int Column) Locate(string path)
    {
        var probe = path;
        while (probe.Length > 0)
        {
            if (_offsets.TryGetValue(probe, out var offset))
            {
                var line = _lineStarts.BinarySearch(offset);
                line = line >= 0 ? line : ~line - 1;
                return (line + 1, offset - _lineStarts[line] + 1);
            }

            var cut = Math.Max(probe.LastIndexOf('.'), probe.LastIndexOf('['));
            probe = cut > 0 ? probe[..cut] : "";
        }

        return (1, 1);
    }
}
