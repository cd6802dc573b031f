namespace Appraisal.Domain.Organisation;

/// <summary>The three staff categories (三类人员), appraised separately (分类考核).</summary>
public enum StaffCategory
{
    /// <summary>员额检察官.</summary>
    QuotaProsecutor,

    /// <summary>检察辅助人员.</summary>
    ProsecutorialAssistant,

    /// <summary>司法行政人员.</summary>
    JudicialAdministrativeStaff,
}
