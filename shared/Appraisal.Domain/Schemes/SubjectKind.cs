namespace Appraisal.Domain.Schemes;

/// <summary>Who a scheme appraises: departments (院对部门) or people (部门对个人).</summary>
public enum SubjectKind
{
    Department,
    Person,
}
