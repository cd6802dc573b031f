namespace Appraisal.Testing;

/// <summary>Holiday arrangements for tests of the calendar's administered years. <see cref="Year2027"/> is a TEST
/// SAMPLE, not the State Council's notice for 2027 (unknown when it was written): plausible dates around 2027's
/// festivals (春节 on Saturday 6 February, 中秋 on Wednesday 15 September), every statutory holiday once, worked days on
/// weekends — enough to show an added year counted across the turn of the year.</summary>
public static class CalendarSamples
{
    public const string Year2027 = """
        {
          "year": 2027,
          "notice": "测试样例：2027年部分节假日安排（非真实通知）",
          "holidays": [
            { "name": "元旦", "from": "2027-01-01", "to": "2027-01-03", "workedDays": [] },
            { "name": "春节", "from": "2027-02-06", "to": "2027-02-14", "workedDays": ["2027-01-31", "2027-02-20"] },
            { "name": "清明节", "from": "2027-04-03", "to": "2027-04-05", "workedDays": [] },
            { "name": "劳动节", "from": "2027-05-01", "to": "2027-05-05", "workedDays": ["2027-04-25", "2027-05-08"] },
            { "name": "端午节", "from": "2027-06-09", "to": "2027-06-09", "workedDays": [] },
            { "name": "中秋节", "from": "2027-09-15", "to": "2027-09-15", "workedDays": [] },
            { "name": "国庆节", "from": "2027-10-01", "to": "2027-10-07", "workedDays": ["2027-09-26", "2027-10-09"] }
          ]
        }
        """;

    /// <summary><see cref="Year2027"/> with one text replaced (a broken or corrected document).</summary>
    public static string Year2027With(string find, string replace)
    {
        var changed = Year2027.Replace(find, replace, StringComparison.Ordinal);
        return changed == Year2027 ? throw new ArgumentException($"'{find}' is not in the 2027 sample", nameof(find)) : changed;
    }
}
