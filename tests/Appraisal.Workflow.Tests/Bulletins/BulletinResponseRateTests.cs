using System.Text.Json;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Sample;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Text;
using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Bulletins;

namespace Appraisal.Workflow.Tests.Bulletins;

/// <summary>The monthly bulletin's rating response rates: summed per department of the people rated over the rated
/// indicators and groups, warned where a group stays below its minimum, a table of their own on the page and in the
/// workbook only when the quarter has a rating window; a bulletin stored before them reads back with none.</summary>
public sealed class BulletinResponseRateTests
{
    [Fact]
    public void ResponseRates_ArePerDepartment_AndATableOnlyWhenThereAreAny()
    {
        var org = SampleOffice.Generate(new SampleOptions { Period = Period.Parse("2026-Q1") }, [SchemeTemplates.Load("B")]).Organisation;
        var (d1, d2) = (org.Departments[1], org.Departments[2]);
        var rates = new ResponseRates(org.Office.Id, "2026-Q1", DateTime.UtcNow, false, 10, 4,
        [
            new ResponseRate("conduct-evaluation", "colleagues", d1.Id, 6, 3, 5, true),
            new ResponseRate("conduct-evaluation", "leaders", d1.Id, 4, 4, 3, false),
            new ResponseRate("conduct-evaluation", "leaders", d2.Id, 4, 0, 3, true),
        ]);
        var rows = BulletinResponseRate.Of(rates, org);
        Assert.Equal([new BulletinResponseRate(d1.Id, d1.Name, 10, 7, 70.0m, true), new BulletinResponseRate(d2.Id, d2.Name, 4, 0, 0.0m, true)], rows);

        var bulletin = new MonthlyBulletin(org.Office.Id, org.Office.Name, "2026-M02", "2026-Q1", "template-b", 1, null, [], [], []);
        Assert.Equal(3, BulletinTables.Of(bulletin, Language.Zh).Count);
        var tables = BulletinTables.Of(bulletin with { ResponseRates = rows }, Language.Zh);
        var table = tables[^1];
        Assert.Equal("2026-Q1 民主测评参评率", table.Name);
        Assert.Equal([d1.Name, 10, 7, "70.0%", "低于最低人数"], table.Rows[0]);

        // Stored before response rates existed: read back with none.
        var json = System.Text.RegularExpressions.Regex.Replace(JsonSerializer.Serialize(bulletin, StorageBulletinServices.Json), ",\\s*\"responseRates\": \\[\\]", string.Empty);
        Assert.DoesNotContain("responseRates", json, StringComparison.Ordinal);
        Assert.Empty(JsonSerializer.Deserialize<MonthlyBulletin>(json, StorageBulletinServices.Json)!.ResponseRates);
    }
}
