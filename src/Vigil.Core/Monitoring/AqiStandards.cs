using System.Globalization;
using System.Resources;
using Vigil.Common;

namespace Vigil.Monitoring;

/// <summary>The monitoring area's localized text (MonitoringMessages.resx, zh-Hans satellite).</summary>
internal static class MonitoringText
{
    public static readonly TextCatalog Catalog = new("Vigil.Monitoring.MonitoringMessages", typeof(MonitoringText).Assembly);
}

/// <summary>
/// The AQI standards shipped with Vigil, read from the JSON files embedded under Monitoring/Standards (AQ-STD).
/// </summary>
public static class AqiStandards
{
    /// <summary>The embedded files, oldest first.</summary>
    public static IReadOnlyList<string> Files { get; } = ["hj633-2012.json", "hj633-2026.json"];

    private static readonly Lazy<IReadOnlyList<AqiStandard>> Loaded = new(LoadEmbedded);

    public static IReadOnlyList<AqiStandard> All => Loaded.Value;

    /// <summary>AQ-STD: the standard in force on the hour's local date; null before the first one.</summary>
    public static AqiStandard? ForDate(DateOnly date) => All.FirstOrDefault(s => s.IsInForceOn(date));

    /// <summary>By id, case-insensitive (<c>HJ633-2012</c>, <c>hj633-2026</c>).</summary>
    public static AqiStandard? ById(string id) => All.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The text of an embedded standard file.</summary>
    public static string ReadEmbedded(string file)
    {
        var resources = new ResourceManager("Vigil.Monitoring.Standards.Standards", typeof(AqiStandards).Assembly);
        return resources.GetString(file, CultureInfo.InvariantCulture)
            ?? throw new InvalidOperationException($"Standard file '{file}' is not embedded.");
    }

    private static List<AqiStandard> LoadEmbedded()
    {
        var standards = new List<AqiStandard>();
        var problems = new List<Problem>();
        foreach (var file in Files)
        {
            problems.AddRange(AqiStandardLoader.TryLoad(file, ReadEmbedded(file), out var standard));
            if (standard is not null)
            {
                standards.Add(standard);
            }
        }

        problems.AddRange(AqiStandardLoader.CheckSequence(standards));

        // The files ship inside the assembly and the tests load them: a problem here is a build defect.
        return problems.Count == 0
            ? standards
            : throw new InvalidOperationException(string.Join(Environment.NewLine, problems.Select(p => p.Message)));
    }
}
