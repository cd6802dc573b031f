namespace Appraisal.Domain.Organisation;

/// <summary>A person's leadership post, which decides the workload share they must reach (第十条).</summary>
public enum LeadershipPost
{
    None,

    /// <summary>检察长.</summary>
    ChiefProsecutor,

    /// <summary>副检察长 and other office leaders holding a prosecutor quota (其他入额院领导).</summary>
    DeputyChiefProsecutor,

    /// <summary>部门负责人.</summary>
    DepartmentHead,
}
