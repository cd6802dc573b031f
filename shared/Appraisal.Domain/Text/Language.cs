namespace Appraisal.Domain.Text;

/// <summary>The language of user-facing text: Chinese by default, English available.</summary>
public enum Language
{
    Zh,
    En,
}
