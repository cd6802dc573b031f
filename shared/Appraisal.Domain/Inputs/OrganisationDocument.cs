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
            errors.AddUnreadable(file, ex, "无法读取组织机构文件");
            return null;
        }

        if (shape is null)
        {
            errors.Add(file, 0, "$", "expected an organisation object, found null", "应为组织机构对象，实际为 null");
            return null;
        }

        var before = errors.Items.Count;
        var lines = EntryLines(json);
        int Line(string entry) => lines.GetValueOrDefault(entry);
        var departments = Unique(shape.Departments.Select(d => d.Id), "$.departments", file, errors, lines);
        var positions = Unique(shape.Positions.Select(p => p.Id), "$.positions", file, errors, lines);
        Unique(shape.People.Select(p => p.Id), "$.people", file, errors, lines);
        Texts(shape, file, errors, Line);
        foreach (var (position, i) in shape.Positions.Select((p, i) => (p, i)))
        {
            if (!departments.Contains(position.DepartmentId))
            {
                errors.Add(file, Line($"$.positions[{i}]"), $"$.positions[{i}].departmentId", $"expected a department id, found unknown '{position.DepartmentId}'",
                    $"未知的部门 '{position.DepartmentId}'（departments 中没有此标识）");
            }
        }

        var heads = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (person, i) in shape.People.Select((p, i) => (p, i)))
        {
            if (!departments.Contains(person.DepartmentId))
            {
                errors.Add(file, Line($"$.people[{i}]"), $"$.people[{i}].departmentId", $"expected a department id, found unknown '{person.DepartmentId}'",
                    $"未知的部门 '{person.DepartmentId}'（departments 中没有此标识）");
            }

            if (person.PositionId is { } position && !positions.Contains(position))
            {
                errors.Add(file, Line($"$.people[{i}]"), $"$.people[{i}].positionId", $"expected a position id, found unknown '{position}'",
                    $"未知的岗位 '{position}'（positions 中没有此标识）");
            }

            if (person.Post == LeadershipPost.DepartmentHead && !heads.TryAdd(person.DepartmentId, i))
            {
                errors.Add(file, Line($"$.people[{i}]"), $"$.people[{i}].post", $"expected one department head for {person.DepartmentId}, found a second (the first is $.people[{heads[person.DepartmentId]}])",
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

    /// <summary>Every name and text of the document within <see cref="TextRules"/> (the office's id as every id), so
    /// that what shows, exports or mails them later takes them as they are.</summary>
    private static void Texts(Shape shape, string file, InputErrors errors, Func<string, int> line)
    {
        errors.CheckId(file, 0, "$.office.id", shape.Office.Id);
        errors.CheckText(file, 0, "$.office.name", shape.Office.Name, TextRules.MaxName);
        foreach (var (department, i) in shape.Departments.Select((d, i) => (d, i)))
        {
            errors.CheckText(file, line($"$.departments[{i}]"), $"$.departments[{i}].name", department.Name, TextRules.MaxName);
        }

        foreach (var (position, i) in shape.Positions.Select((p, i) => (p, i)))
        {
            var at = line($"$.positions[{i}]");
            errors.CheckText(file, at, $"$.positions[{i}].title", position.Title, TextRules.MaxName);
            errors.CheckText(file, at, $"$.positions[{i}].description.workloadStandard", position.Description.WorkloadStandard, TextRules.MaxNote, required: false, paragraph: true);
            errors.CheckText(file, at, $"$.positions[{i}].description.qualityStandard", position.Description.QualityStandard, TextRules.MaxNote, required: false, paragraph: true);
            foreach (var (duty, j) in position.Description.Duties.Select((d, j) => (d, j)))
            {
                errors.CheckText(file, at, $"$.positions[{i}].description.duties[{j}]", duty, TextRules.MaxNote);
            }
        }

        foreach (var (person, i) in shape.People.Select((p, i) => (p, i)))
        {
            var at = line($"$.people[{i}]");
            errors.CheckText(file, at, $"$.people[{i}].name", person.Name, TextRules.MaxName);
            errors.CheckText(file, at, $"$.people[{i}].email", person.Email, TextRules.MaxEmail, required: false);
        }
    }

    /// <summary>The line on which each entry of the document's lists begins (<c>$.people[3]</c> → 42), so an error in an
    /// entry names its line as a CSV row's error does; none when the text cannot be read that far.</summary>
    private static Dictionary<string, int> EntryLines(string json)
    {
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var (list, index, line, counted) = ((string?)null, -1, 1, 0);
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName)
                {
                    (list, index) = (reader.GetString()!.ToLowerInvariant(), -1);
                }
                else if (reader.CurrentDepth == 2 && reader.TokenType == JsonTokenType.StartObject && list is not null)
                {
                    var start = (int)reader.TokenStartIndex;
                    line += bytes.AsSpan(counted, start - counted).Count((byte)'\n');
                    counted = start;
                    lines[$"$.{list}[{++index}]"] = line;
                }
            }
        }
        catch (JsonException)
        {
            // Read as far as it goes: the deserializer has said what is wrong with the rest.
        }

        return lines;
    }

    private static HashSet<string> Unique(IEnumerable<string> ids, string path, string file, InputErrors errors, Dictionary<string, int> lines)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var id in ids)
        {
            if (errors.CheckId(file, lines.GetValueOrDefault($"{path}[{i}]"), $"{path}[{i}].id", id) && !set.Add(id))
            {
                errors.Add(file, lines.GetValueOrDefault($"{path}[{i}]"), $"{path}[{i}].id", $"expected a unique id, found '{id}' again", $"标识应唯一，实际 '{id}' 重复出现");
            }

            i++;
        }

        return set;
    }

    private sealed record Shape(Office Office, IReadOnlyList<Department> Departments, IReadOnlyList<Position> Positions, IReadOnlyList<Person> People);
}
