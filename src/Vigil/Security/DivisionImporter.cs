using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Common;
using Vigil.Data;
using Vigil.Data.Security;
using Vigil.Host.Csv;
using Vigil.Security.Access;

namespace Vigil.Host.Security;

/// <summary>
/// Loads GB/T 2260 divisions (code, name, parent) from JSON or CSV, for the API and <c>vigil divisions import</c>.
/// The whole file is checked first and refused with the line of each fault; then every row is written at once.
/// </summary>
internal sealed class DivisionImporter(VigilDbContext db, TimeProvider clock)
{
    private static readonly string[] Administrators = [RoleIds.Administrator];

    public async Task<Outcome<int>> ImportAsync(string text, bool csv, Access by)
    {
        var rows = csv ? ParseCsv(text) : ParseJson(text);
        if (!rows.IsSuccess)
        {
            return Outcome<int>.Failure(rows.Kind, rows.Problems);
        }

        var problems = new List<Problem>();
        foreach (var (line, code, name, parent) in rows.Value)
        {
            var field = HostText.Format("division.row", line);
            if (!Jurisdiction.IsDivisionCode(code))
            {
                problems.Add(new Problem(field, "division.invalid", HostText.Format("division.invalid", field, code)));
            }
            else if (parent is not null && !Jurisdiction.IsDivisionCode(parent))
            {
                problems.Add(new Problem(field, "division.invalid", HostText.Format("division.invalid", field, parent)));
            }
            else if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
            {
                problems.Add(new Problem(field, "division.name", HostText.Format("division.name", field)));
            }
            else if (!by.Sees(code, Administrators))
            {
                return Outcome<int>.Failure(ProblemKind.Forbidden, Access.Forbidden(field, "division.outside", code));
            }
        }

        if (problems.Count > 0)
        {
            return Outcome<int>.Failure(ProblemKind.Invalid, problems);
        }

        var codes = rows.Value.Select(r => r.Code).ToList();
        var existing = await db.Divisions.Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, StringComparer.Ordinal);
        foreach (var (_, code, name, parent) in rows.Value)
        {
            if (existing.TryGetValue(code, out var known))
            {
                known.Name = name.Trim();
                known.ParentCode = parent;
            }
            else
            {
                existing[code] = db.Divisions.Add(new DivisionRecord { Code = code, Name = name.Trim(), ParentCode = parent }).Entity;
            }
        }

        db.Audit(by.Audit(RoleIds.Administrator, "division.import", "Division", "", Common(codes), new { count = codes.Count }), clock.GetUtcNow());
        await db.SaveChangesAsync();
        return codes.Count;
    }

    /// <summary>The deepest code every imported code lies under, so the entry is seen by that jurisdiction's auditors.</summary>
    private static string Common(List<string> codes)
    {
        var prefix = codes.Count == 0 ? "" : codes.Select(Jurisdiction.Prefix).Aggregate((a, b) =>
        {
            var n = 0;
            while (n < a.Length && n < b.Length && a[n] == b[n])
            {
                n++;
            }

            return a[..n];
        });
        var level = prefix.Length >= 6 ? 6 : prefix.Length >= 4 ? 4 : prefix.Length >= 2 ? 2 : 0;
        return prefix[..level].PadRight(6, '0');
    }

    private static Outcome<List<(int Line, string Code, string Name, string? Parent)>> ParseJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return Fail("$", "division.format");
            }

            var rows = new List<(int, string, string, string?)>();
            var index = 0;
            foreach (var item in document.RootElement.EnumerateArray())
            {
                index++;
                string? Text(string name) => item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                rows.Add((index, Text("code") ?? "", Text("name") ?? "", Text("parentCode") is { Length: > 0 } p ? p : null));
            }

            return rows;
        }
        catch (JsonException e)
        {
            return Fail("$", "body.json", (e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1);
        }
    }

    /// <summary>code,name,parentCode per record (RFC 4180 quoting); a first record starting with "code" is a header.</summary>
    private static Outcome<List<(int Line, string Code, string Name, string? Parent)>> ParseCsv(string text)
    {
        var rows = new List<(int, string, string, string?)>();
        using var csv = CsvInput.Open(new StringReader(text));
        var line = 0;
        while (csv.Read())
        {
            line++;
            var first = csv.GetFieldSpan(0).Trim().TrimStart('\uFEFF');
            if ((csv.RowFieldCount == 1 && first.IsEmpty) || (line == 1 && first.StartsWith("code", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (csv.RowFieldCount < 2)
            {
                return Fail(HostText.Format("division.row", line), "division.format");
            }

            var parent = csv.RowFieldCount > 2 ? csv.GetFieldSpan(2).Trim() : [];
            rows.Add((line, first.ToString(), csv.GetFieldSpan(1).Trim().ToString(), parent.IsEmpty ? null : parent.ToString()));
        }

        return rows;
    }

    private static Outcome<List<(int, string, string, string?)>> Fail(string field, string code, params object?[] args) =>
        Outcome<List<(int, string, string, string?)>>.Failure(ProblemKind.Invalid,
            new Problem(field, code, HostText.Format(code, [field, .. args.Select(a => a is int n ? n.ToString(CultureInfo.InvariantCulture) : a)])));
}
