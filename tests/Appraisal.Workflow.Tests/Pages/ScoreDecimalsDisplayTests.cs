using Appraisal.Domain.Cases;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using Appraisal.Domain.Text;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Exports;
using Appraisal.Workflow.Pages;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Tests.Pages;

/// <summary>Scores shown with the decimals the scorecard was made with: the exports (CSV text, XLSX number format),
/// the dossier's result and the public notice — 4 decimals where the scheme says 4, whole points where it says 0.</summary>
public sealed class ScoreDecimalsDisplayTests
{
    private static readonly OfficeOrganisation Org = new(new Office { Id = "o1", Name = "示例院", Level = OfficeLevel.Basic },
        [new Department { Id = "D1", Name = "第一检察部" }], [], []);

    /// <summary>A department scored 7 × 83.3333… / 100 on a rated indicator beside a base of 93.</summary>
    private static (Scheme Scheme, Scorecard Card) Scored(int decimals)
    {
        var scheme = new Scheme
        {
            Id = "precision",
            Version = 1,
            Name = new LocalizedText("精度方案", "Precision scheme"),
            SubjectKind = SubjectKind.Department,
            Decimals = decimals,
            Categories =
            [
                new Category { Id = "eval", Name = new LocalizedText("测评"), Base = 7 },
                new Category { Id = "rest", Name = new LocalizedText("其他"), Base = 93 },
            ],
            RatedIndicators =
            [
                new RatedIndicator { Id = "team", Name = new LocalizedText("民主测评"), Category = "eval", Points = 7, RaterGroups = [new RaterGroup { Group = "staff", Weight = 100 }] },
            ],
        };
        var subjects = new SubjectSet([new AppraisalSubject { Id = "D1", Name = "第一检察部", DepartmentId = "D1" }]);
        var ratings = new[] { 80m, 85m, 85m }.Select((score, i) => new Rating { SubjectId = "D1", IndicatorId = "team", Group = "staff", RaterId = $"r{i}", Score = score });
        var card = Assert.Single(Scorer.Score(ScoringInput.Prepare(scheme, Period.Quarter(2026, 1), subjects, CaseLog.From([]), ratings, [])));
        return (scheme, card);
    }

    [Theory]
    [InlineData(4, "98.8333", "5.8333", "93.0000", "0.0000")]
    [InlineData(0, "99", "6", "93", "0")]
    public void Exports_GiveScoresWithTheCardsDecimals(int decimals, string total, string line, string rest, string format)
    {
        var (scheme, card) = Scored(decimals);
        var tables = ScorecardExport.Tables(Org, scheme, [card], Language.Zh);

        var ranking = System.Text.Encoding.UTF8.GetString(TableFiles.Csv(tables[0]));
        var lines = System.Text.Encoding.UTF8.GetString(TableFiles.Csv(tables[1]));

        Assert.EndsWith($",{line},{rest},{total},良好\r\n", ranking, StringComparison.Ordinal);
        Assert.Contains($",{line},", lines, StringComparison.Ordinal);
        Assert.Equal(format, TotalCellFormat(TableFiles.Xlsx(tables)));
    }

    [Fact]
    public async Task DossierResult_ShowsTheTotalAndLinesToFourDecimals()
    {
        var (scheme, card) = Scored(4);
        await using var services = new ServiceCollection().BuildServiceProvider();

        var html = await PageRenderer.RenderAsync<Workflow.Pages.Components.DossierResultSection>(services, new Dictionary<string, object?>
        {
            ["Result"] = new DossierResult(card, true, scheme),
            ["Language"] = Language.Zh,
            ["EvidenceBase"] = "/api/pages/evidence",
        });

        Assert.Contains("<span class=\"total\">98.8333</span>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"n\">5.8333</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"n\">93.0000</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicNotice_KeepsTheDecimals_AndShowsTotalsWithThem()
    {
        var (_, card) = Scored(4);
        var notice = PublicNotice.Of(Org, new CycleRequest("o1", "2026-Q1", "precision", 1), [card]);
        await using var services = new ServiceCollection().BuildServiceProvider();

        var html = await PageRenderer.RenderAsync<Workflow.Pages.Components.NoticePage>(services, new Dictionary<string, object?>
        {
            ["Context"] = new PageContext(Language.Zh, null, "/api/pages", "/api/pages/notices/o1/2026-Q1?lang=en"),
            ["Notice"] = notice,
            ["Now"] = DateTimeOffset.UnixEpoch,
        });

        Assert.Equal(4, notice.Decimals);
        Assert.Contains("<td class=\"n\">98.8333</td>", html, StringComparison.Ordinal);
    }

    /// <summary>The number format of the ranking sheet's total (row 2, the column before the grade).</summary>
    private static string TotalCellFormat(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.WorksheetParts.First(p => workbook.GetIdOfPart(p) == workbook.Workbook.Sheets!.Elements<Sheet>().First().Id!.Value);
        var row = sheet.Worksheet.Descendants<Row>().ElementAt(1);
        var cells = row.Elements<Cell>().ToList();
        var total = cells[^2];
        var styles = workbook.WorkbookStylesPart!.Stylesheet;
        var cellFormat = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)total.StyleIndex!.Value);
        return styles.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId!.Value == cellFormat.NumberFormatId!.Value).FormatCode!.Value!;
    }
}
