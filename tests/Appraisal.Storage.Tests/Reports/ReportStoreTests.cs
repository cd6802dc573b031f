using System.Text;
using Appraisal.Storage.Reports;

namespace Appraisal.Storage.Tests.Reports;

[Collection(AzuriteCollection.Name)]
public sealed class ReportStoreTests
{
    private const string Json = "application/json; charset=utf-8";

    [Fact]
    public async Task AReportPut_ReadsBackWithItsContentAndType_InTheReportsContainer()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var reports = new ReportStore(account);
        var content = BinaryData.FromString("{\"office\":\"sample-basic\",\"name\":\"公示\"}");

        await reports.PutAsync("notices/sample-basic/2026-Q1/template-b-r1.json", content, Json);

        var stored = await reports.GetAsync("notices/sample-basic/2026-Q1/template-b-r1.json");
        Assert.NotNull(stored);
        Assert.Equal("notices/sample-basic/2026-Q1/template-b-r1.json", stored.Name);
        Assert.Equal(content.ToArray(), stored.Content.ToArray());
        Assert.Equal(Json, stored.ContentType);
        Assert.True(await reports.ExistsAsync("notices/sample-basic/2026-Q1/template-b-r1.json"));
        var blob = account.Container(ContainerNames.Reports).GetBlobClient("notices/sample-basic/2026-Q1/template-b-r1.json");
        Assert.Equal(Json, (await blob.GetPropertiesAsync()).Value.ContentType);
        Assert.False(await account.Container(ContainerNames.Evidence).GetBlobClient("notices/sample-basic/2026-Q1/template-b-r1.json").ExistsAsync());
    }

    [Fact]
    public async Task AReportPutAgain_ReplacesTheContentAndType()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var reports = new ReportStore(account);
        await reports.PutAsync("archives/sample-basic/2026.zip", BinaryData.FromString("first build"), "application/octet-stream");

        await reports.PutAsync("archives/sample-basic/2026.zip", BinaryData.FromString("second build"), "application/zip");

        var stored = await reports.GetAsync("archives/sample-basic/2026.zip");
        Assert.Equal("second build", stored!.Content.ToString());
        Assert.Equal("application/zip", stored.ContentType);
        Assert.Equal(["archives/sample-basic/2026.zip"], await reports.ListAsync("archives/"));
    }

    [Fact]
    public async Task AReportNeverPut_ReadsAsNull_AndReadingCreatesNothing()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var reports = new ReportStore(account);
        await reports.PutAsync("bulletins/sample-basic/2026-03.json", BinaryData.FromString("{}"), Json);
        var before = await StorageSnapshot.TakeAsync(account);

        Assert.Null(await reports.GetAsync("bulletins/sample-basic/2026-04.json"));
        Assert.Null(await reports.OpenAsync("bulletins/sample-basic/2026-04.json"));
        Assert.False(await reports.ExistsAsync("bulletins/sample-basic/2026-04.json"));
        Assert.Empty(await reports.ListAsync("bulletins/sample-basic/2026-04"));

        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
    }

    [Fact]
    public async Task AReportOpened_StreamsWhatWasPut()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var reports = new ReportStore(account);
        var content = new byte[5 * 1024 * 1024 + 17];
        new Random(7).NextBytes(content);
        await reports.PutAsync("archives/sample-basic/2026.zip", BinaryData.FromBytes(content), "application/zip");

        await using var stream = await reports.OpenAsync("archives/sample-basic/2026.zip");
        using var read = new MemoryStream();
        await stream!.CopyToAsync(read);

        Assert.Equal(content, read.ToArray());
    }

    [Fact]
    public async Task TheReportsUnderAPrefix_AreListedInNameOrder_AndNoOthers()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var reports = new ReportStore(account);
        foreach (var name in new[]
        {
            "notices/sample-basic/2026-Q1/template-b-r2.json",
            "notices/sample-basic/2026-Q1/template-b-r1.json",
            "notices/sample-basic/2026-Q2/template-b-r1.json",
            "notices/sample-basic-2/2026-Q1/template-b-r1.json",
            "bulletins/sample-basic/2026-03.json",
        })
        {
            await reports.PutAsync(name, BinaryData.FromString(name), Json);
        }

        var listed = await reports.ListAsync("notices/sample-basic/2026-Q1/");

        Assert.Equal(["notices/sample-basic/2026-Q1/template-b-r1.json", "notices/sample-basic/2026-Q1/template-b-r2.json"], listed);
        Assert.Equal(5, (await reports.ListAsync("notices/")).Count + (await reports.ListAsync("bulletins/")).Count);
    }

    [Fact]
    public async Task AReportsLocation_NamesTheConfiguredReportsContainer()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var reports = new ReportStore(account);

        var location = reports.Location("archives/sample-basic/2026.zip");

        Assert.Equal($"{account.Options.Prefix}-reports/archives/sample-basic/2026.zip".ToLowerInvariant(), location);
        Assert.Equal(account.Container(ContainerNames.Reports).Name + "/archives/sample-basic/2026.zip", location);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task ANameOrContentTypeThatIsBlank_IsRefused_AndNothingIsStored(string blank)
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var reports = new ReportStore(account);
        var before = await StorageSnapshot.TakeAsync(account);

        await Assert.ThrowsAsync<ArgumentException>(() => reports.PutAsync(blank, BinaryData.FromString("x"), Json));
        await Assert.ThrowsAsync<ArgumentException>(() => reports.PutAsync("bulletins/sample-basic/2026-03.json", BinaryData.FromBytes(Encoding.UTF8.GetBytes("x")), blank));

        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
    }
}
