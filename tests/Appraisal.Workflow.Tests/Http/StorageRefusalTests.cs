using Appraisal.Storage;
using Appraisal.Storage.Evidence;
using Appraisal.Workflow.Cycle;

namespace Appraisal.Workflow.Tests.Http;

/// <summary>What storage refuses reaches the caller as a refusal — the API's problem and a page's refusal alike — with
/// its status and field; storage that does not answer in time, or fails past its retries, is 503 with when to retry;
/// anything else stays a fault.</summary>
public sealed class StorageRefusalTests
{
    public static TheoryData<Exception, int, string, string> Refusals() => new()
    {
        { new ConcurrencyConflictException("submission sample/2026-Q1/D02", 412), 409, "record", "submission sample/2026-Q1/D02：记录已存在或已被他人更改" },
        { new ImmutableRecordException("scorecard E0005", "results are final"), 409, "record", "scorecard E0005：记录已不可更改" },
        { new StorageKeyException("schemeId", "draft\u0001x", "expected no control characters, found U+0001"), 400, "schemeId", "标识无效（expected no control characters, found U+0001，实际为 'draft\u0001x'）" },
        { new EvidenceRejectedException("content", "expected a PDF, JPEG, PNG, DOCX or XLSX file, found another"), 415, "content", "仅接受 PDF、JPEG、PNG、DOCX 或 XLSX 文件" },
        { new EvidenceRejectedException("fileName", "expected at most 200 characters"), 400, "fileName", "expected at most 200 characters" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void AStorageRefusal_IsARefusalWithItsStatusAndField(Exception refused, int status, string field, string zh)
    {
        var refusal = RequestRefusedException.FromStorage(refused);

        Assert.NotNull(refusal);
        Assert.Equal((status, field), (refusal.Status, refusal.Field));
        Assert.StartsWith(zh, refusal.MessageZh, StringComparison.Ordinal);
        Assert.StartsWith($"{field}: expected", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StorageNotAnsweringWithinTheBound_Is503NamingStorage_WithTheBoundAsRetryAfter()
    {
        var refusal = RequestRefusedException.FromStorage(new StorageUnavailableException(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10)));

        Assert.NotNull(refusal);
        Assert.Equal((503, "storage", TimeSpan.FromSeconds(10)), (refusal.Status, refusal.Field, refusal.RetryAfter));
        Assert.Equal("storage: expected storage to answer within 10 s, found no answer (storage is slow or unreachable); retry later", refusal.Message);
        Assert.Equal("存储在 10 秒内没有响应（存储繁忙或无法连接），请稍后重试", refusal.MessageZh);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(0)]
    public void AStorageFaultThatOutlastedItsRetries_Is503NamingStorage(int status)
    {
        var refusal = RequestRefusedException.FromStorage(new Azure.RequestFailedException(status, "storage down"));

        Assert.NotNull(refusal);
        Assert.Equal((503, "storage", RequestRefusedException.StorageFaultRetryAfter), (refusal.Status, refusal.Field, refusal.RetryAfter));
        Assert.StartsWith("存储暂时无法使用", refusal.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void AnythingElse_IsNoRefusal()
    {
        Assert.Null(RequestRefusedException.FromStorage(new InvalidOperationException("a fault")));
        Assert.Null(RequestRefusedException.FromStorage(new Azure.RequestFailedException(403, "not allowed")));
    }
}
