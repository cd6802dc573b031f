namespace Appraisal.Domain.Organisation;

/// <summary>The level of a procuratorate (院): basic 基层院, prefecture 设区市院, provincial 省院.</summary>
public enum OfficeLevel
{
    Basic,
    Prefecture,
    Provincial,
}
