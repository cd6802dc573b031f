using System.Globalization;
using Appraisal.Domain.Cases;
using Appraisal.Domain.Organisation;

namespace Appraisal.Domain.Inputs;

/// <summary>Case records as exported by a case-management system (案件管理系统), one case a row.</summary>
/// <remarks>Columns: case_id, handler_id, department_id, case_type, accepted, closed, time_limit, status, quality_flags;
/// optionally class (案件类别, e.g. 实体性, 程序性, 指导性), which a scheme may weight cases by.
/// Dates are ISO (2026-01-31); closed is empty for open cases; status is open/closed (在办/办结);
/// quality flags are separated by semicolons.</remarks>
public static class CaseCsv
{
    public static IReadOnlyList<string> Columns { get; } =
        ["case_id", "handler_id", "department_id", "case_type", "accepted", "closed", "time_limit", "status", "quality_flags"];

    /// <summary>The column read when present: the case's class (案件类别).</summary>
    public const string ClassColumn = "class";

    /// <summary>The columns <see cref="Write"/> writes: the required ones and the class.</summary>
    public static IReadOnlyList<string> WrittenColumns { get; } = [.. Columns, ClassColumn];

    /// <summary>Reads and checks every row; unknown handlers or departments are errors when an organisation is given.</summary>
    public static CaseLog Read(TextReader reader, string file, OfficeOrganisation? organisation, InputErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var log = new CaseLog();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        CsvTable.Read(reader, file, Columns, errors, (line, get) =>
        {
            var before = errors.Items.Count;
            var caseId = Required(get, "case_id", file, line, errors);
            var handler = Required(get, "handler_id", file, line, errors);
            var department = Required(get, "department_id", file, line, errors);
            var caseType = Required(get, "case_type", file, line, errors);
            var accepted = Date(get("accepted"), "accepted", file, line, errors, required: true);
            var closed = Date(get("closed"), "closed", file, line, errors, required: false);
            var limit = Date(get("time_limit"), "time_limit", file, line, errors, required: true);
            var status = get("status");
            var flags = get("quality_flags").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var caseClass = get(ClassColumn);
            var idsHold = (caseId.Length == 0 || errors.CheckKey(file, line, "case_id", caseId))
                & (handler.Length == 0 || errors.CheckId(file, line, "handler_id", handler))
                & (department.Length == 0 || errors.CheckId(file, line, "department_id", department));
            errors.CheckText(file, line, "case_type", caseType, TextRules.MaxName, required: false);
            errors.CheckText(file, line, ClassColumn, caseClass, TextRules.MaxName, required: false);
            foreach (var flag in flags)
            {
                errors.CheckText(file, line, "quality_flags", flag, TextRules.MaxName);
            }

            var isClosed = status.ToLowerInvariant() switch
            {
                "closed" or "办结" or "已办结" => true,
                "open" or "在办" or "未办结" => false,
                _ => (bool?)null,
            };
            if (isClosed is null)
            {
                errors.Add(file, line, "status", $"expected open or closed (在办/办结), found '{status}'", $"应为 open 或 closed（在办/办结），实际为 '{status}'");
            }
            else if (isClosed.Value && closed is null && errors.Items.Count == before)
            {
                errors.Add(file, line, "closed", "expected the closing date of a closed case, found none", "已办结案件应填写办结日期，实际为空");
            }
            else if (!isClosed.Value && closed is not null)
            {
                errors.Add(file, line, "closed", $"expected no closing date for an open case, found {closed:yyyy-MM-dd}", $"在办案件不应有办结日期，实际为 {closed:yyyy-MM-dd}");
            }

            if (accepted is { } a && closed is { } c && c < a)
            {
                errors.Add(file, line, "closed", $"expected a date on or after accepted {a:yyyy-MM-dd}, found {c:yyyy-MM-dd}",
                    $"应为受理日期 {a:yyyy-MM-dd} 当日或之后的日期，实际为 {c:yyyy-MM-dd}");
            }

            if (accepted is { } a2 && limit is { } l && l < a2)
            {
                errors.Add(file, line, "time_limit", $"expected a date on or after accepted {a2:yyyy-MM-dd}, found {l:yyyy-MM-dd}",
                    $"应为受理日期 {a2:yyyy-MM-dd} 当日或之后的日期，实际为 {l:yyyy-MM-dd}");
            }

            if (caseId.Length > 0 && !seen.Add(caseId))
            {
                errors.Add(file, line, "case_id", $"expected each case once, found '{caseId}' again", $"每个案件只应出现一次，实际 '{caseId}' 重复出现");
            }

            if (organisation is not null && idsHold)
            {
                if (handler.Length > 0 && organisation.FindPerson(handler) is null)
                {
                    errors.Add(file, line, "handler_id", $"expected a person of office {organisation.Office.Id}, found unknown '{handler}'",
                        $"未知的承办人 '{handler}'（不属于 {organisation.Office.Id} 院）");
                }

                if (department.Length > 0 && organisation.FindDepartment(department) is null)
                {
                    errors.Add(file, line, "department_id", $"expected a department of office {organisation.Office.Id}, found unknown '{department}'",
                        $"未知的部门 '{department}'（不属于 {organisation.Office.Id} 院）");
                }
            }

            if (errors.Items.Count == before)
            {
                try
                {
                    log.Add(caseId, handler, department, caseType, accepted!.Value, closed, limit!.Value, flags, caseClass.Length == 0 ? null : caseClass);
                }
                catch (InvalidOperationException ex)
                {
                    // The only refusal of a well-formed row: one quality flag too many across the file.
                    var next = flags.FirstOrDefault(f => log.FindFlag(f) < 0);
                    errors.Add(file, line, "quality_flags", ex.Message, $"质量标记至多 {CaseLog.MaxFlags} 种，实际更多（超出的为 '{next}'）");
                }
            }
        }, [ClassColumn]);

        return log;
    }

    public static void Write(TextWriter writer, IEnumerable<CaseRecord> records)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(records);
        writer.WriteLine(string.Join(',', WrittenColumns));
        foreach (var r in records)
        {
            writer.Write(CsvReader.Escape(r.CaseId));
            writer.Write(',');
            writer.Write(CsvReader.Escape(r.HandlerId));
            writer.Write(',');
            writer.Write(CsvReader.Escape(r.DepartmentId));
            writer.Write(',');
            writer.Write(CsvReader.Escape(r.CaseType));
            writer.Write(',');
            writer.Write(r.Accepted.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(r.Closed?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(r.TimeLimit.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(r.Status == CaseStatus.Closed ? "closed" : "open");
            writer.Write(',');
            writer.Write(CsvReader.Escape(string.Join(';', r.QualityFlags)));
            writer.Write(',');
            writer.WriteLine(CsvReader.Escape(r.Class ?? string.Empty));
        }
    }

    internal static string Required(Func<string, string> get, string column, string file, int line, InputErrors errors)
    {
        var value = get(column);
        if (value.Length == 0)
        {
            errors.Add(file, line, column, "expected a value, found an empty field", "此项必填，实际为空");
        }

        return value;
    }

    private static DateOnly? Date(string text, string column, string file, int line, InputErrors errors, bool required)
    {
        if (text.Length == 0)
        {
            if (required)
            {
                errors.Add(file, line, column, "expected a date like 2026-01-31, found an empty field", "应为 2026-01-31 格式的日期，实际为空");
            }

            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(file, line, column, $"expected a date like 2026-01-31, found '{text}'", $"应为 2026-01-31 格式的日期，实际为 '{text}'");
        return null;
    }
}
