using Appraisal.Domain.Text;

namespace Appraisal.SelfHost.Demo;

/// <summary>How <c>appraisal demo</c> runs: where the sample and results go, the quarter, the addresses of the
/// self-host and smtp4dev, whether a person approves, whether to stop at the end, and the stage times.</summary>
public sealed record DemoSettings(
    DirectoryInfo Sample,
    DirectoryInfo Results,
    string Period,
    Uri Url,
    int SmtpPort,
    int MailWebPort,
    bool Interactive,
    bool Exit,
    TimeSpan SelfEvaluation,
    TimeSpan ObjectionPeriod,
    Language Language,
    TimeSpan? RatingTime = null);
