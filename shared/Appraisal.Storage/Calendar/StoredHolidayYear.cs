namespace Appraisal.Storage.Calendar;

/// <summary>A year's holiday arrangement as an administrator stored it: the document as the domain writes it (read
/// back through <c>HolidayYearDocument.Read</c>, so what is stored is what was validated), who stored it and when.</summary>
public sealed record StoredHolidayYear(int Year, string Document, string StoredBy, DateTimeOffset StoredAt);
