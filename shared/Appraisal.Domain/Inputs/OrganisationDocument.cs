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
            var detail = cut > 0 ? message[..cut] : message;
            errors.Add(file, (int)(ex.LineNumber ?? -1) + 1, ex.Path ?? "$", detail, $"无法读取组织机构文件（JSON 格式或内容有误）：{detail}");
            return null;
        }

        if (shape is null)
        {
            errors.Add(file, 0, "$", "expected an organisation object, found null", "应为组织机构对象，实际为 null");
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
                errors.Add(file, 0, $"$.positions[{i}].departmentId", $"expected a department id, found unknown '{position.DepartmentId}'",
                    $"未知的部门 '{position.DepartmentId}'（departments 中没有此标识）");
            }
        }

        var heads = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (person, i) in shape.People.Select((p, i) => (p, i)))
        {
            if (!departments.Contains(person.DepartmentId))
            {
                errors.Add(file, 0, $"$.people[{i}].departmentId", $"expected a department id, found unknown '{person.DepartmentId}'",
                    $"未知的部门 '{person.DepartmentId}'（departments 中没有此标识）");
            }

            if (person.PositionId is { } position && !positions.Contains(position))
            {
                errors.Add(file, 0, $"$.people[{i}].positionId", $"expected a position id, found unknown '{position}'",
                    $"未知的岗位 '{position}'（positions 中没有此标识）");
            }

            if (person.Post == LeadershipPost.DepartmentHead && !heads.TryAdd(person.DepartmentId, i))
            {
                errors.Add(file, 0, $"$.people[{i}].post", $"expected one department head for {person.DepartmentId}, found a second (the first is $.people[{heads[person.DepartmentId]}])",
                    $"部门 {person.DepartmentId} 只应有一名部门负责人，实际出现第二名（第一名为 $.people[{heads[person.DepartmentId]}]）");
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
            if (!IdRules.IsValid(id, out var reason, out var reasonZh))
            {
                errors.Add(file, 0, $"{path}[{i}].id", reason, reasonZh);
            }
            else if (!set.Add(id))
            {
                errors.Add(file, 0, $"{path}[{i}].id", $"expected a unique id, found '{id}' again", $"标识应唯一，实际 '{id}' 重复出现");
            }

            i++;
        }

        return set;
    }

    private sealed record Shape(Office Office, IReadOnlyList<Department> Departments, IReadOnlyList<Position> Positions, IReadOnlyList<Person> People);
}
