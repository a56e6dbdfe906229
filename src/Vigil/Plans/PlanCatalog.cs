using Vigil.Common;
using Vigil.Plans;

namespace Vigil.Host.Plans;

/// <summary>The plans Vigil runs, loaded once from the plans directory; a broken plan stops the start.</summary>
public sealed class PlanCatalog
{
    private readonly Dictionary<string, PlanDefinition> _plans;

    private PlanCatalog(Dictionary<string, PlanDefinition> plans) => _plans = plans;

    public IReadOnlyCollection<PlanDefinition> All => _plans.Values;

    public PlanDefinition? Find(string id) => _plans.GetValueOrDefault(id);

    /// <summary>The directory of plan files: configured, or the <c>plans</c> folder shipped beside the executable.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "plans");

    /// <summary>Loads every <c>*.json</c> plan of a directory; all errors of all files, or the catalog.</summary>
    public static Outcome<PlanCatalog> Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return Outcome<PlanCatalog>.Failure(ProblemKind.NotFound,
                new Problem(directory, "plans.directory", HostText.Format("plans.directory", directory)));
        }

        var plans = new Dictionary<string, PlanDefinition>(StringComparer.Ordinal);
        var problems = new List<Problem>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var outcome = LoadFile(file);
            if (!outcome.IsSuccess)
            {
                problems.AddRange(outcome.Problems);
            }
            else if (!plans.TryAdd(outcome.Value.Id, outcome.Value))
            {
                problems.Add(new Problem(file, "plans.duplicate", HostText.Format("plans.duplicate", file, outcome.Value.Id)));
            }
        }

        return problems.Count == 0 ? new PlanCatalog(plans) : Outcome<PlanCatalog>.Failure(ProblemKind.Invalid, problems);
    }

    public static Outcome<PlanDefinition> LoadFile(string file) => PlanLoader.Load(file, File.ReadAllBytes(file));
}
