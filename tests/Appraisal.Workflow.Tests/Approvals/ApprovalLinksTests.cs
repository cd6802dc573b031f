using System.Security.Cryptography;
using System.Text;
using Appraisal.Storage;
using Appraisal.Storage.Secrets;
using Appraisal.Workflow.Approvals;
using Microsoft.AspNetCore.WebUtilities;

namespace Appraisal.Workflow.Tests.Approvals;

/// <summary>Approval links: a signed link checks out; any change to it, a foreign key, an expired time or garbage does
/// not; a rotated-out key still verifies; nonces are deterministic per member and round; the form value is bound to
/// both the link and the browser's cookie.</summary>
[Collection(Notifications.AzuriteCollection.Name)]
public sealed class ApprovalLinksTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 12, 2, 0, 0, TimeSpan.Zero);

    private static readonly ApprovalClaims Claims = new("sample-basic", "2026-Q1", 1, "template-b", "sample-basic/2026-Q1/template-b@1/r1/abc", "E0001", "n0nce", Now.AddHours(72).ToUnixTimeSeconds());

    private static ApprovalLinks Links(string key, params string[] previous)
    {
        var options = new ApprovalOptions { SigningKey = key };
        foreach (var p in previous)
        {
            options.PreviousSigningKeys.Add(p);
        }

        return new ApprovalLinks(new ApprovalKeys(options, new SecretStore(new StorageAccount(new StorageOptions { ConnectionString = StorageOptions.DevelopmentConnectionString }))));
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task ASignedLink_ChecksOut_WithItsClaims()
    {
        var links = Links(NewKey());

        var (check, claims) = await links.CheckAsync(await links.SignAsync(Claims, default), Now, default);

        Assert.Equal(LinkCheck.Valid, check);
        Assert.Equal(Claims, claims);
    }

    [Fact]
    public async Task AnyChangedCharacter_OrAnotherKey_IsForged()
    {
        var links = Links(NewKey());
        var token = await links.SignAsync(Claims, default);
        var payload = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token.Split('.')[0]));
        var otherMember = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(payload.Replace("E0001", "E0002", StringComparison.Ordinal))) + "." + token.Split('.')[1];
        var flipped = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];

        Assert.Equal(LinkCheck.Forged, (await links.CheckAsync(otherMember, Now, default)).Check);
        Assert.Equal(LinkCheck.Forged, (await links.CheckAsync(flipped, Now, default)).Check);
        Assert.Equal(LinkCheck.Forged, (await Links(NewKey()).CheckAsync(token, Now, default)).Check);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("a.b.c")]
    [InlineData("!!!.@@@")]
    public async Task Garbage_IsMalformed(string token)
    {
        Assert.Equal(LinkCheck.Malformed, (await Links(NewKey()).CheckAsync(token, Now, default)).Check);
    }

    [Fact]
    public async Task ALinkPastItsTime_IsExpired_ButStillReadable()
    {
        var links = Links(NewKey());
        var token = await links.SignAsync(Claims, default);

        var (check, claims) = await links.CheckAsync(token, Now.AddHours(72), default);

        Assert.Equal(LinkCheck.Expired, check);
        Assert.Equal("E0001", claims!.MemberId);
        Assert.Equal(LinkCheck.Valid, (await links.CheckAsync(token, Now.AddHours(72).AddSeconds(-1), default)).Check);
    }

    [Fact]
    public async Task AfterARotation_LinksOfThePreviousKeyStillVerify_AndNewLinksUseTheNewKey()
    {
        var old = NewKey();
        var token = await Links(old).SignAsync(Claims, default);
        var rotated = Links(NewKey(), old);

        Assert.Equal(LinkCheck.Valid, (await rotated.CheckAsync(token, Now, default)).Check);
        Assert.Equal(LinkCheck.Forged, (await Links(old).CheckAsync(await rotated.SignAsync(Claims, default), Now, default)).Check);
    }

    [Fact]
    public async Task Nonces_AreTheSamePerMemberAndRound_AndDifferOtherwise()
    {
        var links = Links(NewKey());

        var a = await links.NonceAsync("o", "2026-Q1", 1, "E0001", default);

        Assert.Equal(a, await links.NonceAsync("o", "2026-Q1", 1, "E0001", default));
        Assert.NotEqual(a, await links.NonceAsync("o", "2026-Q1", 2, "E0001", default));
        Assert.NotEqual(a, await links.NonceAsync("o", "2026-Q1", 1, "E0002", default));
        Assert.Equal(22, a.Length);
    }

    [Fact]
    public async Task TheFormValue_MatchesOnlyItsLinkAndCookie()
    {
        var links = Links(NewKey());
        var value = await links.FormTokenAsync("nonce-1", "cookie-1", default);

        Assert.True(await links.FormTokenMatchesAsync("nonce-1", "cookie-1", value, default));
        Assert.False(await links.FormTokenMatchesAsync("nonce-2", "cookie-1", value, default));
        Assert.False(await links.FormTokenMatchesAsync("nonce-1", "cookie-2", value, default));
        Assert.False(await links.FormTokenMatchesAsync("nonce-1", null, value, default));
        Assert.False(await links.FormTokenMatchesAsync("nonce-1", "cookie-1", null, default));
    }

    [Fact]
    public async Task WithNoKeyConfigured_OneIsGeneratedOnce_AndSharedByEveryHostOverTheSameStorage()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var first = new ApprovalLinks(new ApprovalKeys(new ApprovalOptions(), new SecretStore(account)));
        var second = new ApprovalLinks(new ApprovalKeys(new ApprovalOptions(), new SecretStore(account)));

        var token = await first.SignAsync(Claims, default);

        Assert.Equal(LinkCheck.Valid, (await second.CheckAsync(token, Now, default)).Check);
        var other = new ApprovalLinks(new ApprovalKeys(new ApprovalOptions(), new SecretStore(await AzuriteFixture.FreshAccountAsync())));
        Assert.Equal(LinkCheck.Forged, (await other.CheckAsync(token, Now, default)).Check);
    }

    [Fact]
    public async Task AShortOrNonBase64Key_IsRefusedWithTheSetting()
    {
        var shortKey = await Assert.ThrowsAsync<InvalidOperationException>(() => Links(Convert.ToBase64String(new byte[16])).SignAsync(Claims, default));
        var notBase64 = await Assert.ThrowsAsync<InvalidOperationException>(() => Links("not base64!").SignAsync(Claims, default));

        Assert.Contains("Approvals:SigningKey: expected at least 32 bytes, found 16", shortKey.Message, StringComparison.Ordinal);
        Assert.Contains("Approvals:SigningKey: expected a base64 key", notBase64.Message, StringComparison.Ordinal);
    }
}
