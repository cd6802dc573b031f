namespace Appraisal.Domain.Inputs;

/// <summary>A CSV file that cannot be parsed, with the reason in English (<see cref="Exception.Message"/>) and in
/// Chinese (<see cref="MessageZh"/>).</summary>
public sealed class CsvFormatException : FormatException
{
    public CsvFormatException()
        : this("the CSV text cannot be parsed", "CSV 文本无法解析")
    {
    }

    public CsvFormatException(string message)
        : this(message, message)
    {
    }

    public CsvFormatException(string message, Exception innerException)
        : base(message, innerException) => MessageZh = message;

    public CsvFormatException(string message, string messageZh)
        : base(message) => MessageZh = messageZh;

    public string MessageZh { get; }
}
