namespace Vigil.Prevention;

/// <summary>红黄蓝层级监管 — the supervision tier of an enterprise (DP-TIER, seed 004 "安全监控机制").</summary>
public enum SupervisionTier
{
    /// <summary>三级（蓝色） — other units; inspected monthly.</summary>
    Blue = 3,

    /// <summary>二级（黄色） — units in key industries; inspected every half month.</summary>
    Yellow = 2,

    /// <summary>一级（红色） — units with major hazards or a level-III-or-higher accident; inspected weekly.</summary>
    Red = 1,
}

/// <summary>生产安全事故等级 — accident level as recorded by the incidents area; I is the most serious.</summary>
public enum RecordedAccidentLevel
{
    /// <summary>特别重大.</summary>
    I = 1,

    /// <summary>重大.</summary>
    II = 2,

    /// <summary>较大.</summary>
    III = 3,

    /// <summary>一般.</summary>
    IV = 4,
}

/// <summary>What the tier rules look at for one enterprise; gathered from the hazard and incident records.</summary>
/// <param name="EnterpriseId">The enterprise's register id.</param>
/// <param name="Industry">The enterprise's industry code as kept in the register.</param>
/// <param name="UnresolvedMajorHazards">Major hidden hazards not yet closed out.</param>
/// <param name="Accidents">Levels of the accidents on record.</param>
public sealed record SupervisionFacts(string EnterpriseId, string Industry, int UnresolvedMajorHazards, IReadOnlyList<RecordedAccidentLevel> Accidents)
{
    /// <summary>
    /// The facts of <paramref name="enterprise"/> from its hazard files and accident record: a major hazard counts as
    /// unresolved from its assessment until it is closed out (DP-TIER "units with major hazards").
    /// </summary>
    public static SupervisionFacts Gather(Enterprise enterprise, IEnumerable<HazardFile> hazards, IEnumerable<RecordedAccidentLevel> accidents) => new(
        enterprise.Id,
        enterprise.Industry,
        hazards.Count(h => h.EnterpriseId == enterprise.Id && h.Grade == HazardGrade.Major && h.State != HazardState.ClosedOut),
        [.. accidents]);
}

/// <summary>One rule that placed an enterprise in its tier, with a stable code and the text shown to the user.</summary>
public sealed record TierReason(string Code, string Text);

/// <summary>The derived tier, why, and how often it must be inspected.</summary>
public sealed record TierDecision(SupervisionTier Tier, IReadOnlyList<TierReason> Reasons, Cadence InspectionCadence);

/// <summary>
/// 重点行业 — the industries that put a unit in the yellow tier (DP-TIER). Configurable per locality, because each
/// bureau names its own key industries.
/// </summary>
public sealed class KeyIndustries
{
    private readonly HashSet<string> _codes;

    public KeyIndustries(IEnumerable<string> codes) => _codes = new HashSet<string>(codes, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Default list. Seed 004 names coal mines 煤矿, chemicals 化工 and building materials 建材 as key industries; the
    /// others are the high-risk industries national work-safety plans single out (矿山, 危险化学品, 烟花爆竹, 冶金,
    /// 建筑施工, 特种设备), which are not in the seeds: a locality should replace the list with its own.
    /// </summary>
    public static KeyIndustries Default { get; } = new(
    [
        "coal-mining",          // 煤矿
        "non-coal-mining",      // 非煤矿山
        "chemicals",            // 化工
        "hazardous-chemicals",  // 危险化学品
        "building-materials",   // 建材
        "fireworks",            // 烟花爆竹
        "metallurgy",           // 冶金
        "construction",         // 建筑施工
        "special-equipment",    // 特种设备
    ]);

    public IReadOnlyCollection<string> Codes => _codes;

    public bool Contains(string industry) => _codes.Contains(industry);
}

/// <summary>Derives an enterprise's supervision tier from its records (DP-TIER), highest tier first.</summary>
public sealed class TierPolicy(KeyIndustries keyIndustries)
{
    public static TierPolicy Default { get; } = new(KeyIndustries.Default);

    public TierDecision Decide(SupervisionFacts facts)
    {
        // DP-TIER red: "存在重大隐患和发生过较大以上事故的单位"; either fact alone suffices, and every one that applies is shown.
        var red = new List<TierReason>();
        if (facts.UnresolvedMajorHazards > 0)
        {
            red.Add(new TierReason("tier.red.major_hazard", PreventionText.Format("Tier_RedMajorHazard", facts.UnresolvedMajorHazards)));
        }

        var serious = facts.Accidents.Where(level => level <= RecordedAccidentLevel.III).ToList();
        if (serious.Count > 0)
        {
            red.Add(new TierReason("tier.red.accident", PreventionText.Format("Tier_RedAccident", serious.Min())));
        }

        if (red.Count > 0)
        {
            return new TierDecision(SupervisionTier.Red, red, CadenceOf(SupervisionTier.Red));
        }

        // DP-TIER yellow: "重点行业和领域的生产经营单位"; and any unit with a recorded accident, because seed 004 keeps
        // blue for "一般生产经营单位及没有发生过安全生产事故的单位" (a level-IV accident is not red, but no longer blue).
        var yellow = new List<TierReason>();
        if (keyIndustries.Contains(facts.Industry))
        {
            yellow.Add(new TierReason("tier.yellow.key_industry", PreventionText.Format("Tier_YellowKeyIndustry", IndustryCatalogue.Name(facts.Industry))));
        }

        if (facts.Accidents.Count > 0)
        {
            yellow.Add(new TierReason("tier.yellow.accident", PreventionText.Format("Tier_YellowAccident", facts.Accidents.Min())));
        }

        if (yellow.Count > 0)
        {
            return new TierDecision(SupervisionTier.Yellow, yellow, CadenceOf(SupervisionTier.Yellow));
        }

        // DP-TIER blue: every other unit, without accidents.
        return new TierDecision(
            SupervisionTier.Blue,
            [new TierReason("tier.blue.other", PreventionText.Format("Tier_BlueOther", IndustryCatalogue.Name(facts.Industry)))],
            CadenceOf(SupervisionTier.Blue));
    }

    /// <summary>DP-TIER: red 每周一查, yellow 半月一查, blue 每月一查.</summary>
    public static Cadence CadenceOf(SupervisionTier tier) => tier switch
    {
        SupervisionTier.Red => Cadence.Weekly,
        SupervisionTier.Yellow => Cadence.HalfMonthly,
        SupervisionTier.Blue => Cadence.Monthly,
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, "Unknown tier."),
    };
}
