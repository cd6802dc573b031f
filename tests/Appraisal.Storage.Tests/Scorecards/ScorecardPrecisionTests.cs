using System.IO.Compression;
using System.Text.Json.Nodes;
using Appraisal.Domain.Cases;
using Appraisal.Domain.Scoring;
using Appraisal.Storage.Scorecards;
using Azure.Data.Tables;
using static Appraisal.Storage.Tests.ScoredSample;

namespace Appraisal.Storage.Tests.Scorecards;

/// <summary>Stored scorecards keep the decimals they were scored with: four decimals round-trip exactly, and a row
/// stored before schemes set decimals (hundredths, no <c>decimals</c>) reads back as the same card with 2.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ScorecardPrecisionTests
{
    [Fact]
    public async Task FourDecimalCards_ReadBackExactly()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new ScorecardRepository(account);
        var scheme = SchemeB with { Decimals = 4 };
        var data = Generate(Q1);
        var cards = Scorer.Score(ScoringInput.Prepare(scheme, Q1, SubjectSet.For(scheme, data.Organisation), CaseLog.From(data.Cases),
            data.Ratings[scheme.Id], data.Ledger[scheme.Id]));
        // Some total needs the third or fourth decimal, else this would prove nothing over hundredths.
        Assert.Contains(cards, c => c.Total != Math.Round(c.Total, 2));

        await repository.SaveAsync(OfficeId, cards);
        var read = await repository.ForPeriodAsync(OfficeId, "2026-Q1");

        Assert.Equal(cards.OrderBy(c => c.SubjectId, StringComparer.Ordinal).Select(Document), read.Select(Document));
        Assert.All(read, c => Assert.Equal(4, c.Decimals));
        Assert.All(read, c => Assert.Equal(c.Lines.Sum(l => l.Points), c.Total));
        var byId = cards.ToDictionary(c => c.SubjectId, StringComparer.Ordinal);
        Assert.All(read, c => Assert.Equal(byId[c.SubjectId].Lines, c.Lines));
    }

    [Fact]
    public async Task ARowStoredBeforeDecimals_ReadsBackAsTheSameCardWithTwo()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new ScorecardRepository(account);
        var cards = Score(Generate(Q1, people: 40), Q1);
        await repository.SaveAsync(OfficeId, cards);
        var table = account.Table(TableNames.Scorecards);

        // Rewrite every row as the code before decimals wrote it: the same JSON without "decimals".
        var rewritten = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == OfficeId))
        {
            Assert.Equal(1, row.GetInt32("DataChunks"));
            var json = JsonNode.Parse(Unzip(row.GetBinary("Data0")))!.AsObject();
            Assert.True(json.Remove("decimals"));
            row["Data0"] = Zip(json.ToJsonString());
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
            rewritten++;
        }

        var read = await repository.ForPeriodAsync(OfficeId, "2026-Q1");

        Assert.Equal(cards.Count, rewritten);
        Assert.Equal(cards.OrderBy(c => c.SubjectId, StringComparer.Ordinal).Select(Document), read.Select(Document));
        Assert.All(read, c => Assert.Equal(2, c.Decimals));
    }

    private static byte[] Zip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    private static string Unzip(byte[] data)
    {
        using var input = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var reader = new StreamReader(input, System.Text.Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
