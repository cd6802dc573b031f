namespace Appraisal.Domain.Inputs;

/// <summary>A CSV file read by header names: required columns checked once, rows handed over with their line numbers.</summary>
public static class CsvTable
{
    /// <summary>Reads rows with <paramref name="columns"/> resolved by name (any order, extra columns ignored), and the
    /// <paramref name="optional"/> columns when the header has them (empty when it does not); returns false when the
    /// header lacks a column or the file cannot be parsed.</summary>
    public static bool Read(TextReader reader, string file, IReadOnlyList<string> columns, InputErrors errors, Action<int, Func<string, string>> row,
        IReadOnlyList<string>? optional = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(row);
        var csv = new CsvReader(reader);
        try
        {
            var header = csv.Next();
            if (header is null)
            {
                errors.Add(file, 1, "header", $"expected a header row with {string.Join(",", columns)}, found an empty file",
                    $"应有表头行 {string.Join(",", columns)}，实际为空文件");
                return false;
            }

            var names = header.Value.Fields.Select(f => f.Trim()).ToArray();
            var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < names.Length; i++)
            {
                index.TryAdd(names[i], i);
            }

            var missing = columns.Where(c => !index.ContainsKey(c)).ToList();
            if (missing.Count > 0)
            {
                errors.Add(file, 1, "header", $"expected columns {string.Join(",", columns)}, missing {string.Join(",", missing)} (found {string.Join(",", names)})",
                    $"表头应包含列 {string.Join(",", columns)}，缺少 {string.Join(",", missing)}（实际为 {string.Join(",", names)}）");
                return false;
            }

            var positions = columns.ToDictionary(c => c, c => index[c], StringComparer.Ordinal);
            foreach (var column in optional ?? [])
            {
                positions[column] = index.GetValueOrDefault(column, -1);
            }

            while (csv.Next() is { } record)
            {
                if (record.Fields.Length == 1 && record.Fields[0].Length == 0)
                {
                    continue;
                }

                if (record.Fields.Length != names.Length)
                {
                    errors.Add(file, record.Line, "row", $"expected {names.Length} fields as in the header, found {record.Fields.Length}",
                        $"应有 {names.Length} 个字段（与表头一致），实际为 {record.Fields.Length} 个");
                    continue;
                }

                var fields = record.Fields;
                row(record.Line, column => positions[column] is var at && at >= 0 ? fields[at].Trim() : string.Empty);
            }

            return true;
        }
        catch (FormatException ex)
        {
            errors.Add(file, csv.RecordLine, "csv", ex.Message, ex is CsvFormatException csvError ? csvError.MessageZh : $"CSV 格式错误：{ex.Message}");
            return false;
        }
    }
}
