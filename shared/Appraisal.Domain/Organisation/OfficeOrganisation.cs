namespace Appraisal.Domain.Organisation;

/// <summary>One office's organisation: its departments, positions and people, with lookups by id.</summary>
public sealed class OfficeOrganisation
{
    private readonly Dictionary<string, Department> _departments;
    private readonly Dictionary<string, Person> _people;
    private readonly Dictionary<string, Position> _positions;

    public OfficeOrganisation(Office office, IReadOnlyList<Department> departments, IReadOnlyList<Position> positions, IReadOnlyList<Person> people)
    {
        ArgumentNullException.ThrowIfNull(office);
        Office = office;
        Departments = departments;
        Positions = positions;
        People = people;
        _departments = departments.ToDictionary(d => d.Id, StringComparer.Ordinal);
        _positions = positions.ToDictionary(p => p.Id, StringComparer.Ordinal);
        _people = people.ToDictionary(p => p.Id, StringComparer.Ordinal);
    }

    public Office Office { get; }

    public IReadOnlyList<Department> Departments { get; }

    public IReadOnlyList<Position> Positions { get; }

    public IReadOnlyList<Person> People { get; }

    public Department? FindDepartment(string id) => _departments.GetValueOrDefault(id);

    public Person? FindPerson(string id) => _people.GetValueOrDefault(id);

    public Position? FindPosition(string id) => _positions.GetValueOrDefault(id);

    /// <summary>Who answers for a department's self-evaluation: its head; for a department without one (the leadership,
    /// 院领导班子) its most senior member — the chief prosecutor before a deputy, then by id.</summary>
    public Person? AnswersFor(string departmentId) =>
        People.Where(p => p.DepartmentId == departmentId)
            .OrderBy(p => p.Post switch { LeadershipPost.DepartmentHead => 0, LeadershipPost.ChiefProsecutor => 1, LeadershipPost.DeputyChiefProsecutor => 2, _ => 3 })
            .ThenBy(p => p.Id, StringComparer.Ordinal)
            .FirstOrDefault(p => p.Post != LeadershipPost.None);
}
