namespace Appraisal.Domain.Schemes;

/// <summary>A name in Chinese (the default for users) with its English counterpart.</summary>
public sealed record LocalizedText(string Zh, string En = "")
{
    public string In(Text.Language language) => language == Text.Language.En && !string.IsNullOrEmpty(En) ? En : Zh;

    public override string ToString() => $"{Zh} ({En})";
}
