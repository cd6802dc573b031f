using Appraisal.Storage.Secrets;

namespace Appraisal.Storage.Tests.Secrets;

[Collection(AzuriteCollection.Name)]
public sealed class SecretStoreTests
{
    [Fact]
    public async Task ASecret_IsGeneratedOnce_OfTheLengthAsked_AndReadBackTheSame()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var secrets = new SecretStore(account);

        var first = await secrets.GetOrCreateAsync("jwt-signing.key", 32);
        var again = await new SecretStore(account).GetOrCreateAsync("jwt-signing.key", 32);

        Assert.Equal(32, first.Length);
        Assert.NotEqual(new byte[32], first);
        Assert.Equal(first, again);
        var blob = account.Container(ContainerNames.Keys).GetBlobClient("jwt-signing.key");
        Assert.Equal(first, (await blob.DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task AStoredSecret_IsNeverReplaced()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var blob = account.Container(ContainerNames.Keys).GetBlobClient("approval-signing.key");
        var configured = Enumerable.Range(1, 40).Select(i => (byte)i).ToArray();
        await blob.UploadAsync(BinaryData.FromBytes(configured));
        var etag = (await blob.GetPropertiesAsync()).Value.ETag;

        var read = await new SecretStore(account).GetOrCreateAsync("approval-signing.key", 32);

        Assert.Equal(configured, read);
        Assert.Equal(etag, (await blob.GetPropertiesAsync()).Value.ETag);
    }

    [Fact]
    public async Task HostsGeneratingAtOnce_AllGetTheOneSecretStored()
    {
        var account = await AzuriteFixture.FreshAccountAsync();

        var read = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => new SecretStore(account).GetOrCreateAsync("approval-signing.key", 32)));

        Assert.Single(read.Select(Convert.ToBase64String).Distinct());
        Assert.Equal(read[0], (await account.Container(ContainerNames.Keys).GetBlobClient("approval-signing.key").DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task SecretsOfOtherNamesOrAccounts_AreOthers()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var secrets = new SecretStore(account);

        var jwt = await secrets.GetOrCreateAsync("jwt-signing.key", 32);
        var approval = await secrets.GetOrCreateAsync("approval-signing.key", 32);
        var elsewhere = await new SecretStore(await AzuriteFixture.FreshAccountAsync()).GetOrCreateAsync("jwt-signing.key", 32);

        Assert.NotEqual(jwt, approval);
        Assert.NotEqual(jwt, elsewhere);
    }
}
