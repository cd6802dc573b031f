using System.Security.Cryptography;
using Appraisal.SelfHost.Identity;
using Appraisal.Storage.Secrets;
using Appraisal.Workflow.Identity;

namespace Appraisal.SelfHost.Tests.Identity;

/// <summary>A JWT signing-key rotation: after the new key is configured with the old one as previous, tokens signed
/// with either are accepted and new ones are signed with the new key; once the old key is dropped, its tokens are not.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class JwtKeyRotationTests
{
    [Fact]
    public async Task DuringARotation_TokensOfTheOldKeyStillPass_AndAfterItNoLonger()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var (oldKey, newKey) = (Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var caller = new Caller("E0005", new HashSet<Role> { Role.Staff }, "sample-basic", "d1");
        var before = new JwtTokens(new AuthOptions { SigningKey = oldKey }, new SecretStore(account));
        var oldToken = await before.IssueAsync(caller, null, default);

        var rotating = new AuthOptions { SigningKey = newKey };
        rotating.PreviousSigningKeys.Add(oldKey);
        var during = new JwtTokens(rotating, new SecretStore(account));
        var newToken = await during.IssueAsync(caller, null, default);
        Assert.Equal("E0005", (await during.ValidateAsync(oldToken, default))?.UserId);
        Assert.Equal("E0005", (await during.ValidateAsync(newToken, default))?.UserId);
        Assert.Null(await before.ValidateAsync(newToken, default));

        var after = new JwtTokens(new AuthOptions { SigningKey = newKey }, new SecretStore(account));
        Assert.Null(await after.ValidateAsync(oldToken, default));
        Assert.Equal("E0005", (await after.ValidateAsync(newToken, default))?.UserId);
    }
}
