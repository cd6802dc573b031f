using Appraisal.Domain.Inputs;
using Appraisal.Domain.Text;
using Appraisal.Storage;
using Appraisal.Storage.Evidence;

namespace Appraisal.Workflow.Cycle;

/// <summary>A request the workflow refuses before changing anything: which field, what was expected and what was
/// found (in Chinese and English), and the HTTP status it answers with (400, 404, 409 or 422; 503 while storage does
/// not answer).</summary>
public sealed class RequestRefusedException(int status, string field, string message, string messageZh, IReadOnlyList<InputError>? errors = null)
    : Exception($"{field}: {message}")
{
    public int Status { get; } = status;

    public string Field { get; } = field;

    public string MessageZh { get; } = messageZh;

    /// <summary>Every problem of the input, when there are several (a submission's CSV rows).</summary>
    public IReadOnlyList<InputError> Errors { get; } = errors ?? [];

    /// <summary>When the caller may try again (a 503: storage did not answer in time), sent as <c>Retry-After</c>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>When to try again after storage failed with a fault that outlasted its retries.</summary>
    public static readonly TimeSpan StorageFaultRetryAfter = TimeSpan.FromSeconds(10);

    public string Text(Language language) => $"{Field}: " + Detail(language);

    /// <summary>What was expected and found, without the field's name (a form shows it beside the field).</summary>
    public string Detail(Language language) => language == Language.En ? Message[(Field.Length + 2)..] : MessageZh;

    /// <summary>The refusal of an If-Match that names no single version read — the wildcard <c>*</c>, which would
    /// match any version and so skip the concurrency check, or a list of tags: 428 naming If-Match.</summary>
    public static RequestRefusedException AnyVersion(string found) =>
        new(428, "If-Match", $"expected the one ETag this edit is based on (from the last read), found '{found}', which names no single version",
            $"应在 If-Match 中给出所依据版本的 ETag（上次读取时取得），实际为 '{found}'，它不指向某一个版本");

    /// <summary>What storage refused, as the caller is told it — by the API as a problem, by a page as its refusal: a
    /// record changed or created by someone else meanwhile, or one that is final, 409; a value no storage key can hold,
    /// 400 naming its field; a file of a type not taken, 415; storage that did not answer within the request's bound, or
    /// answered busy or failing (503, 500, …, or no connection) after all its retries, 503 naming storage, with when to
    /// retry. Null for anything else (a fault, not a refusal).</summary>
    public static RequestRefusedException? FromStorage(Exception exception) => exception switch
    {
        ConcurrencyConflictException ex => new RequestRefusedException(409, "record", $"expected {ex.Record} as it was read, found it created or changed by someone else since: read it again and retry",
            $"{ex.Record}：记录已存在或已被他人更改，请重新读取后再试"),
        ImmutableRecordException ex => new RequestRefusedException(409, "record", $"expected a record that may still change, found {ex.Record} final ({ex.Message})", $"{ex.Record}：记录已不可更改"),
        StorageKeyException ex => new RequestRefusedException(400, ex.Field, ex.Message[(ex.Field.Length + 2)..], $"标识无效（{ex.Reason}，实际为 '{ex.Value}'）"),
        EvidenceRejectedException ex => new RequestRefusedException(ex.Field == "content" ? 415 : 400, ex.Field, ex.Reason,
            ex.Field == "content" ? "仅接受 PDF、JPEG、PNG、DOCX 或 XLSX 文件（按内容判断，而非文件名）" : ex.Reason),
        StorageUnavailableException ex => Unavailable(ex.RetryAfter, $"expected storage to answer within {ex.Bound.TotalSeconds:0.###} s, found no answer (storage is slow or unreachable); retry later",
            $"存储在 {ex.Bound.TotalSeconds:0.###} 秒内没有响应（存储繁忙或无法连接），请稍后重试"),
        Azure.RequestFailedException { Status: 0 or 408 or 429 or >= 500 } ex => Unavailable(StorageFaultRetryAfter,
            $"expected storage to answer, found {(ex.Status == 0 ? "no connection" : $"status {ex.Status}")} after its retries (storage is busy or unreachable); retry later",
            "存储暂时无法使用（繁忙或无法连接，已多次重试），请稍后重试"),
        _ => null,
    };

    private static RequestRefusedException Unavailable(TimeSpan retryAfter, string message, string messageZh) =>
        new(503, "storage", message, messageZh) { RetryAfter = retryAfter };
}
