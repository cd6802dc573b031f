using System.CommandLine;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Http;
using Appraisal.Workflow.Identity;

namespace Appraisal.SelfHost.Cli;

/// <summary><c>appraisal cycle raise submission|verification|scheme-decision|vote|objection|objection-review</c>: what
/// department heads, the appraisal office and the Party group do, sent through the self-host's endpoints.</summary>
internal static class CycleRaiseCommand
{
    public static Command Build()
    {
        var raise = new Command("raise", "Act on a running cycle as a person would: each action is stored, then raised as its event");

        var c = CycleCommand.Common.Create();
        var department = new Option<string>("--department") { Description = "The department id", Required = true };
        var ratings = new Option<FileInfo?>("--ratings") { Description = "The department's ratings (CSV, docs/inputs.md)" };
        var ledger = new Option<FileInfo?>("--ledger") { Description = "The department's ledger claims (CSV, docs/inputs.md)" };
        var by = By();
        var key = new Option<string?>("--idempotency-key") { Description = "Sent as Idempotency-Key: the same key again is the same submission" };
        var submission = new Command("submission", "Submit a department's self-evaluation (自查自评)") { department, ratings, ledger, by, key };
        c.AddTo(submission);
        submission.SetAction(async (parse, cancel) => await CycleCommand.SendAsync(parse, c, HttpMethod.Post,
            $"cycles/{parse.GetRequiredValue(c.Office)}/{parse.GetRequiredValue(c.Period)}/departments/{parse.GetRequiredValue(department)}/submission",
            new SubmissionRequest(await ReadAsync(parse.GetValue(ratings), cancel), await ReadAsync(parse.GetValue(ledger), cancel)), cancel, parse.GetValue(key),
            LocalTokens.As(parse.GetRequiredValue(by), Role.DepartmentHead, parse.GetRequiredValue(c.Office), parse.GetRequiredValue(department))));
        raise.Subcommands.Add(submission);

        var c2 = CycleCommand.Common.Create();
        var department2 = new Option<string>("--department") { Description = "The department id", Required = true };
        var action = new Option<VerificationAction>("--action") { Description = "Accept, Adjust or Return", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Why (required to adjust or return)" };
        var by2 = By();
        var verification = new Command("verification", "The appraisal office verifies a submission (核查)") { department2, action, reason, by2 };
        c2.AddTo(verification);
        verification.SetAction((parse, cancel) => CycleCommand.SendAsync(parse, c2, HttpMethod.Post,
            $"cycles/{parse.GetRequiredValue(c2.Office)}/{parse.GetRequiredValue(c2.Period)}/departments/{parse.GetRequiredValue(department2)}/verification",
            new VerificationRequest(parse.GetValue(action), parse.GetValue(reason)), cancel,
            caller: LocalTokens.As(parse.GetRequiredValue(by2), Role.AppraisalOffice, parse.GetRequiredValue(c2.Office))));
        raise.Subcommands.Add(verification);

        var c3 = CycleCommand.Common.Create();
        var version = new Option<int?>("--scheme-version") { Description = "The version decided (default the latest draft)" };
        var by3 = By();
        var scheme = new Command("scheme-decision", "The Party group decides the scheme") { version, by3 };
        c3.AddTo(scheme);
        scheme.SetAction((parse, cancel) => CycleCommand.SendAsync(parse, c3, HttpMethod.Post,
            $"cycles/{parse.GetRequiredValue(c3.Office)}/{parse.GetRequiredValue(c3.Period)}/scheme-decision", new SchemeDecisionRequest(parse.GetValue(version)), cancel,
            caller: LocalTokens.As(parse.GetRequiredValue(by3), Role.PartyGroup, parse.GetRequiredValue(c3.Office))));
        raise.Subcommands.Add(scheme);

        var c4 = CycleCommand.Common.Create();
        var member = new Option<string>("--member") { Description = "The Party-group member's person id", Required = true };
        var reject = new Option<bool>("--reject") { Description = "Reject (default: approve)" };
        var reason4 = new Option<string?>("--reason") { Description = "Why (required to reject)" };
        var round = new Option<int>("--round") { Description = "The decision round voted on (the cycle's status names it)", Required = true };
        var vote = new Command("vote", "A Party-group member approves or rejects the results of the round being decided") { member, reject, reason4, round };
        c4.AddTo(vote);
        vote.SetAction((parse, cancel) => CycleCommand.SendAsync(parse, c4, HttpMethod.Post,
            $"cycles/{parse.GetRequiredValue(c4.Office)}/{parse.GetRequiredValue(c4.Period)}/votes",
            new VoteRequest(!parse.GetValue(reject), parse.GetValue(reason4), parse.GetValue(round)), cancel,
            caller: LocalTokens.As(parse.GetRequiredValue(member), Role.PartyGroup, parse.GetRequiredValue(c4.Office))));
        raise.Subcommands.Add(vote);

        var c5 = CycleCommand.Common.Create();
        var subject = new Option<string>("--subject") { Description = "The person or department objected for", Required = true };
        var reason5 = new Option<string>("--reason") { Description = "The grounds", Required = true };
        var by5 = By();
        var objection = new Command("objection", "File an objection during publication (异议): a person for their own result (--by is the subject)") { subject, reason5, by5 };
        c5.AddTo(objection);
        objection.SetAction((parse, cancel) => CycleCommand.SendAsync(parse, c5, HttpMethod.Post,
            $"cycles/{parse.GetRequiredValue(c5.Office)}/{parse.GetRequiredValue(c5.Period)}/objections",
            new ObjectionRequest(parse.GetRequiredValue(subject), parse.GetRequiredValue(reason5)), cancel,
            caller: LocalTokens.As(parse.GetRequiredValue(by5), Role.Staff, parse.GetRequiredValue(c5.Office))));
        raise.Subcommands.Add(objection);

        var c6 = CycleCommand.Common.Create();
        var reopen = new Option<string[]>("--reopen") { Description = "Departments whose results are reopened (none: the results stand)", AllowMultipleArgumentsPerToken = true };
        var by6 = By();
        var review = new Command("objection-review", "The appraisal office's review of the objections") { reopen, by6 };
        c6.AddTo(review);
        review.SetAction((parse, cancel) => CycleCommand.SendAsync(parse, c6, HttpMethod.Post,
            $"cycles/{parse.GetRequiredValue(c6.Office)}/{parse.GetRequiredValue(c6.Period)}/objection-review",
            new ObjectionReviewRequest(parse.GetValue(reopen) ?? []), cancel,
            caller: LocalTokens.As(parse.GetRequiredValue(by6), Role.AppraisalOffice, parse.GetRequiredValue(c6.Office))));
        raise.Subcommands.Add(review);
        return raise;
    }

    /// <summary>Who acts: the person the command signs in as (never sent in the body; the self-host records the signed-in caller).</summary>
    private static Option<string> By() => new("--by") { Description = "Who acts: the person id the command signs in as", DefaultValueFactory = _ => Environment.UserName };

    private static async Task<string?> ReadAsync(FileInfo? file, CancellationToken cancel) => file is null ? null : await File.ReadAllTextAsync(file.FullName, cancel);
}
