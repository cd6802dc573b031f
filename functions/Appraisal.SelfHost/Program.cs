using Appraisal.SelfHost.Cli;

return await AppraisalCli.Build().Parse(args).InvokeAsync();
