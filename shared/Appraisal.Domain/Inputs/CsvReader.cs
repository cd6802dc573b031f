using System.Text;

namespace Appraisal.Domain.Inputs;

/// <summary>Reads RFC 4180 CSV (quoted fields, doubled quotes, line breaks inside quotes), reporting the line each record starts on.</summary>
public sealed class CsvReader(TextReader reader)
{
    private readonly StringBuilder _field = new();
    private int _line = 1;

    /// <summary>The line the record last asked for starts on (where an unterminated quote opened).</summary>
    internal int RecordLine { get; private set; } = 1;

    /// <summary>The next record with the line it starts on, or null at the end. An unterminated quote throws <see cref="CsvFormatException"/>.</summary>
    public (int Line, string[] Fields)? Next()
    {
        var fields = new List<string>();
        _field.Clear();
        var start = _line;
        RecordLine = start;
        var quoted = false;
        var any = false;
        while (true)
        {
            var c = reader.Read();
            if (c == -1)
            {
                if (quoted)
                {
                    throw new CsvFormatException(
                        "expected a closing quote, found the end of the file: a quoted field starting on this line is not closed",
                        "引号未闭合：本行开始的带引号字段直到文件末尾仍未闭合");
                }

                if (!any && fields.Count == 0)
                {
                    return null;
                }

                fields.Add(_field.ToString());
                return (start, fields.ToArray());
            }

            any = true;
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        _field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        _line++;
                    }

                    _field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"' when _field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(_field.ToString());
                    _field.Clear();
                    break;
                case '\r' when reader.Peek() == '\n':
                    break;
                case '\r' or '\n':
                    _line++;
                    fields.Add(_field.ToString());
                    return (start, fields.ToArray());
                case '\uFEFF' when start == 1 && fields.Count == 0 && _field.Length == 0:
                    break;
                default:
                    _field.Append(ch);
                    break;
            }
        }
    }

    /// <summary>Escapes a field for writing.</summary>
    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
