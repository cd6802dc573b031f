namespace Appraisal.Domain.Schemes;

/// <summary>Who may rate in a rater group (评价主体): the people of the office eligible to answer for a subject, or
/// nobody in it (<see cref="External"/>: only paper results are entered).</summary>
public enum RaterKind
{
    /// <summary>The subject's department colleagues (本部门同事).</summary>
    SameDepartment,

    /// <summary>The head(s) of the subject's department (部门负责人, <see cref="Organisation.LeadershipPost.DepartmentHead"/>);
    /// nobody for a department without one (the leadership 院领导班子, whose members office leaders rate).</summary>
    DepartmentHead,

    /// <summary>The office's leaders (院领导): the chief and deputy chief prosecutors and the Party group's members (院党组成员).</summary>
    OfficeLeaders,

    /// <summary>Every person of the office (全院干警).</summary>
    AllStaff,

    /// <summary>The members of one department named by <see cref="RaterGroup.DepartmentId"/>, e.g. case management 案件管理部.</summary>
    Department,

    /// <summary>Outside the office (the public 群众, justice partners 政法单位): nobody of the office; only paper results.</summary>
    External,
}
