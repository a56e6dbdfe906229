using System.Globalization;
using Vigil.Common;
using Vigil.Data.Prevention;
using Vigil.Prevention;
using Vigil.Security.Access;

namespace Vigil.Host.Prevention;

/// <summary>List filters of hazards: state, grade, open only.</summary>
internal sealed record HazardFilter(HazardState? State, HazardGrade? Grade, bool OpenOnly)
{
    public static Outcome<HazardFilter> Parse(string? state, string? grade, bool? open)
    {
        var problems = new List<Problem>();
        HazardState? parsedState = null;
        if (state is not null)
        {
            if (Enum.TryParse<HazardState>(state, ignoreCase: true, out var s) && Enum.IsDefined(s) && !char.IsDigit(state[0]))
            {
                parsedState = s;
            }
            else
            {
                problems.Add(PreventionText.Problem("state", "state.unknown", state, string.Join(", ", Enum.GetNames<HazardState>().Select(StateName))));
            }
        }

        if (grade is not null && ParseGrade(grade) is null)
        {
            problems.Add(PreventionText.Problem("grade", "grade.unknown", grade));
        }

        return problems.Count > 0 ? Outcome.Refused<HazardFilter>(problems) : Outcome.Ok(new HazardFilter(parsedState, ParseGrade(grade), open ?? false));
    }

    public static HazardGrade? ParseGrade(string? text) => text switch
    {
        "major" => HazardGrade.Major,
        "general" => HazardGrade.General,
        _ => null,
    };

    public static string StateName(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    public static string StateName(HazardState state) => StateName(state.ToString());

    public static string? GradeName(HazardGrade? grade) => grade switch
    {
        HazardGrade.Major => "major",
        HazardGrade.General => "general",
        _ => null,
    };

    public bool Admits(HazardFile file) =>
        (State is null || file.State == State) && (Grade is null || file.Grade == Grade) && (!OpenOnly || file.State != HazardState.ClosedOut);
}

/// <summary>How a hazard file is shown: its state, plan, steps, what it waits for and what escalates.</summary>
internal static class HazardView
{
    public static object Summary(StoredHazard hazard, EnterpriseRecord enterprise, DateTimeOffset now)
    {
        var file = hazard.File;
        return new
        {
            id = hazard.Header.Id,
            enterpriseId = enterprise.Id,
            enterpriseName = enterprise.Name,
            divisionCode = hazard.Header.DivisionCode,
            source = hazard.Header.Source,
            description = file.Description,
            state = HazardFilter.StateName(file.State),
            grade = HazardFilter.GradeName(file.Grade),
            deadline = Date(file.Deadline),
            waitingFor = WaitingFor(hazard, now),
            reportedAt = hazard.Header.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        };
    }

    public static object Build(StoredHazard hazard, EnterpriseRecord enterprise, DateTimeOffset now)
    {
        var file = hazard.File;
        return new
        {
            id = hazard.Header.Id,
            enterpriseId = enterprise.Id,
            enterpriseName = enterprise.Name,
            divisionCode = hazard.Header.DivisionCode,
            supervisingRegulator = hazard.Header.SupervisingRegulator,
            source = hazard.Header.Source,
            riskPointId = hazard.Header.RiskPointId,
            inspectionId = hazard.Header.InspectionId,
            location = hazard.Header.Latitude is null ? null : new { latitude = hazard.Header.Latitude, longitude = hazard.Header.Longitude, datum = hazard.Header.Datum },
            state = HazardFilter.StateName(file.State),
            grade = HazardFilter.GradeName(file.Grade),
            deadline = Date(file.Deadline),
            plan = new
            {
                responsiblePerson = file.Plan.ResponsiblePerson,
                measures = file.Plan.Measures,
                funds = file.Plan.Funds,
                deadline = Date(file.Plan.Deadline),
                contingencyPlan = file.Plan.ContingencyPlan,
                missing = file.Grade == HazardGrade.Major ? file.Plan.Missing : [],
            },
            waitingFor = WaitingFor(hazard, now),
            escalations = file.Escalations(now).Select(e => new { code = e.Code, to = e.To, deadline = Date(e.Deadline), daysOverdue = e.DaysOverdue, text = e.Text }),
            steps = hazard.Steps.Select(s => new
            {
                type = s.Type,
                by = s.ActorName,
                role = s.ActorRole,
                at = s.At.ToString("O", CultureInfo.InvariantCulture),
                evidence = s.Evidence.Split(' ', StringSplitOptions.RemoveEmptyEntries),
                description = s.Description,
                grade = s.Grade,
                rectifyBy = Date(s.RectifyBy),
                reason = s.Reason,
            }),
        };
    }

    public static object Overdue(OverdueRectification o) => new
    {
        hazardId = o.HazardId,
        enterpriseId = o.Enterprise.Id,
        enterpriseName = o.Enterprise.Name,
        divisionCode = o.Enterprise.DivisionCode,
        grade = HazardFilter.GradeName(o.Grade),
        state = HazardFilter.StateName(o.State),
        deadline = Date(o.Deadline),
        daysOverdue = o.DaysOverdue,
        escalatedTo = o.SupervisingRegulator,
    };

    /// <summary>
    /// What the file waits for next, from whom, by when (DP-HAZ): the next step of the shortest legal path, with the
    /// missing 五落实 items of a major hazard and the rectifier who may not verify.
    /// </summary>
    public static object? WaitingFor(StoredHazard hazard, DateTimeOffset now)
    {
        var file = hazard.File;
        var major = file.Grade == HazardGrade.Major;
        string[] unitOrRegulator = [.. PreventionRoles.EnterpriseStaff, .. PreventionRoles.Regulators];
        (string Action, string[] Roles, string? Due, string Text)? next = file.State switch
        {
            HazardState.Found => ("register", unitOrRegulator, null, PreventionText.Format("waiting.register")),
            HazardState.Registered => ("assess", unitOrRegulator, null, PreventionText.Format("waiting.assess")),
            HazardState.Assessed when major => ("report", PreventionRoles.EnterpriseStaff, Date(RegulatorTime.LocalDate(now)), PreventionText.Format("waiting.report", hazard.Header.SupervisingRegulator)),
            HazardState.Reported when major => ("monitor", unitOrRegulator, null, PreventionText.Format("waiting.monitor")),
            HazardState.Monitored when major && file.Plan.Missing.Count > 0 => ("plan", [RoleIds.EnterprisePrincipal], null,
                PreventionText.Format("waiting.plan", string.Join(", ", file.Plan.Missing))),
            HazardState.Assessed or HazardState.Reported or HazardState.Monitored => ("rectify", PreventionRoles.EnterpriseStaff, Date(file.Deadline),
                PreventionText.Format("waiting.rectify", Date(file.Deadline) ?? "—")),
            HazardState.Rectified => ("close", major ? PreventionRoles.JurisdictionReaders : [.. PreventionRoles.EnterpriseStaff, .. PreventionRoles.JurisdictionReaders], null,
                PreventionText.Format("waiting.close", hazard.Steps.Last(s => s.Type == "rectified").ActorName)),
            _ => null,
        };
        return next is { } n ? new { action = n.Action, roles = n.Roles, due = n.Due, text = n.Text } : null;
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
