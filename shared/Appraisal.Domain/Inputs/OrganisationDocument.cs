using System.Text.Json;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Schemes.Json;

namespace Appraisal.Domain.Inputs;

/// <summary>An office's organisation as JSON: <c>{ office, departments, positions, people }</c>.</summary>
public static class OrganisationDocument
{
    public static OfficeOrganisation? Read(string json, string file, InputErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Shape? shape;
        try
        {
            shape = JsonSerializer.Deserialize<Shape>(json, DomainJson.Options);
        }
        catch (JsonException ex)
        {
            var message = ex.Message;
            var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            errors.Add(file, (int)(ex.LineNumber ?? -1) + 1, ex.Path ?? "$", cut > 0 ? message[..cut] : message);
            return null;
        }

        if (shape is null)
        {
            errors.Add(file, 0, "$", "expected an organisation object, found null");
            return null;
        }

        var before = errors.Items.Count;
        var departments = Unique(shape.Departments.Select(d => d.Id), "$.departments", file, errors);
        var positions = Unique(shape.Positions.Select(p => p.Id), "$.positions", file, errors);
        Unique(shape.People.Select(p => p.Id), "$.people", file, errors);
        foreach (var (position, i) in shape.Positions.Select((p, i) => (p, i)))
        {
            if (!departments.Contains(position.DepartmentId))
            {
                errors.Add(file, 0, $"$.positions[{i}].departmentId", $"expected a department id, found unknown '{position.DepartmentId}'");
            }
        }

        var heads = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (person, i) in shape.People.Select((p, i) => (p, i)))
        {
            if (!departments.Contains(person.DepartmentId))
            {
                errors.Add(file, 0, $"$.people[{i}].departmentId", $"expected a department id, found unknown '{person.DepartmentId}'");
            }

            if (person.PositionId is { } position && !positions.Contains(position))
            {
                errors.Add(file, 0, $"$.people[{i}].positionId", $"expected a position id, found unknown '{position}'");
            }

            if (person.Post == LeadershipPost.DepartmentHead && !heads.TryAdd(person.DepartmentId, i))
            {
                errors.Add(file, 0, $"$.people[{i}].post", $"expected one department head for {person.DepartmentId}, found a second (the first is $.people[{heads[person.DepartmentId]}])");
            }
        }

        return errors.Items.Count == before
            ? new OfficeOrganisation(shape.Office, shape.Departments, shape.Positions, shape.People)
            : null;
    }

    public static string Write(OfficeOrganisation organisation)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        return JsonSerializer.Serialize(new Shape(organisation.Office, organisation.Departments, organisation.Positions, organisation.People), DomainJson.Options);
    }

    private static HashSet<string> Unique(IEnumerable<string> ids, string path, string file, InputErrors errors)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var id in ids)
        {
            if (!IdRules.IsValid(id, out var reason))
            {
                errors.Add(file, 0, $"{path}[{i}].id", reason);
            }
            else if (!set.Add(id))
            {
                errors.Add(file, 0, $"{path}[{i}].id", $"expected a unique id, found '{id}' again");
            }

            i++;
        }

        return set;
    }

    private sealed record Shape(Office Office, IReadOnlyList<Department> Departments, IReadOnlyList<Position> Positions, IReadOnlyList<Person> People);
}
