using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Appraisal.Domain.Schemes.Validation;
using Json.Schema;

namespace Appraisal.Domain.Schemes.Json;

/// <summary>Reads and writes scheme documents (JSON), checking them against the JSON Schema and the scheme rules.</summary>
public static class SchemeDocument
{
    /// <summary>The JSON Schema of scheme documents.</summary>
    public static string SchemaText { get; } = ReadResource("Appraisal.Domain.scheme.schema.json");

    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(SchemaText, new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List };

    /// <summary>Reads a scheme document and reports every problem with its JSON path: syntax, shape, then the scheme rules.</summary>
    public static SchemeValidationResult Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line
                ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, position {ex.BytePositionInLine + 1})")
                : string.Empty;
            var whereZh = ex.LineNumber is { } lineZh
                ? string.Create(CultureInfo.InvariantCulture, $"（第 {lineZh + 1} 行，第 {ex.BytePositionInLine + 1} 个字符）")
                : string.Empty;
            var detail = FirstSentence(ex.Message);
            return new(null, [new(IssueSeverity.Error, "$", $"expected well-formed JSON{where}: {detail}", $"JSON 格式错误{whereZh}：{detail}")]);
        }

        using (document)
        {
            var shape = CheckShape(document.RootElement);
            if (shape.Count > 0)
            {
                return new(null, shape);
            }

            Scheme? scheme;
            try
            {
                scheme = document.RootElement.Deserialize<Scheme>(DomainJson.Options);
            }
            catch (JsonException ex)
            {
                var detail = FirstSentence(ex.Message);
                return new(null, [new(IssueSeverity.Error, ex.Path ?? "$", detail, $"此值无法按方案格式读取：{detail}")]);
            }

            if (scheme is null)
            {
                return new(null, [new(IssueSeverity.Error, "$", "expected a scheme object, found null", "应为方案对象，实际为 null")]);
            }

            return new(scheme, SchemeValidator.Validate(scheme));
        }
    }

    /// <summary>Reads a scheme that must be valid, or throws with every error.</summary>
    public static Scheme Parse(string json)
    {
        var result = Read(json);
        return result.IsValid
            ? result.Scheme!
            : throw new FormatException("invalid scheme: " + string.Join("; ", result.Errors));
    }

    public static string Write(Scheme scheme) => JsonSerializer.Serialize(scheme, DomainJson.Options);

    private static List<ValidationIssue> CheckShape(JsonElement root)
    {
        var results = Schema.Value.Evaluate(root, Evaluation);
        var issues = new List<ValidationIssue>();
        if (results.IsValid)
        {
            return issues;
        }

        foreach (var node in results.Details ?? [])
        {
            if (node.IsValid || node.Errors is null)
            {
                continue;
            }

            foreach (var (keyword, message) in node.Errors)
            {
                var pointer = node.InstanceLocation.ToString();
                var path = ToJsonPath(pointer);
                if (keyword.Length == 0 && message.Contains("false schema", StringComparison.Ordinal))
                {
                    var name = path[(path.LastIndexOf('.') + 1)..];
                    issues.Add(new(IssueSeverity.Error, path, $"expected no such property here, found '{name}'", $"不应有此属性 '{name}'"));
                }
                else
                {
                    issues.Add(new(IssueSeverity.Error, path, message, SchemaMessages.Chinese(keyword, message, root, pointer)));
                }
            }
        }

        return issues.DistinctBy(i => (i.Path, i.Message)).OrderBy(i => i.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>Turns a JSON Pointer (<c>/categories/1/base</c>) into a JSON path (<c>$.categories[1].base</c>).</summary>
    internal static string ToJsonPath(string pointer)
    {
        var path = new StringBuilder("$");
        foreach (var raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                path.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else
            {
                path.Append('.').Append(segment);
            }
        }

        return path.ToString();
    }

    /// <summary>The parser's message without its location suffix (" Path: … | LineNumber: …", counted from 0),
    /// which the issue gives itself.</summary>
    private static string FirstSentence(string message)
    {
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message;
    }

    internal static string ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"missing embedded resource {name}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
