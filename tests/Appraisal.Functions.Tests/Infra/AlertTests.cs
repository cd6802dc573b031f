using System.Text.Json;

namespace Appraisal.Functions.Tests.Infra;

/// <summary>The stuck-cycle alert as compiled: a scheduled query rule on the Application Insights component that
/// fires per office when the lowest appraisal.cycles.overdue of the window is above zero, with the window a parameter,
/// and an action group mailing the address main.bicep passes (the appraisal office's unless another is given).</summary>
public sealed class AlertTests
{
    [Fact]
    public void TheAlert_FiresWhenCyclesStayOverdueForTheWindow_AndMailsTheActionGroup()
    {
        var template = CompiledBicep.Template("app/alerts.json");
        var rule = Assert.Single(CompiledBicep.OfType(template, "Microsoft.Insights/scheduledQueryRules")).GetProperty("properties");
        Assert.Equal("[parameters('overdueFor')]", rule.GetProperty("windowSize").GetString());
        Assert.Equal("[parameters('insightsId')]", Assert.Single(rule.GetProperty("scopes").EnumerateArray()).GetString());
        var criterion = Assert.Single(rule.GetProperty("criteria").GetProperty("allOf").EnumerateArray());
        Assert.Contains("\"appraisal.cycles.overdue\"", criterion.GetProperty("query").GetString(), StringComparison.Ordinal);
        Assert.Contains("min(value)", criterion.GetProperty("query").GetString(), StringComparison.Ordinal);
        Assert.Equal("Lowest", criterion.GetProperty("metricMeasureColumn").GetString());
        Assert.Equal(("GreaterThan", 0), (criterion.GetProperty("operator").GetString(), criterion.GetProperty("threshold").GetInt32()));
        Assert.Equal("Office", Assert.Single(criterion.GetProperty("dimensions").EnumerateArray()).GetProperty("name").GetString());

        var group = Assert.Single(CompiledBicep.OfType(template, "Microsoft.Insights/actionGroups")).GetProperty("properties");
        Assert.Equal("[parameters('alertEmail')]", Assert.Single(group.GetProperty("emailReceivers").EnumerateArray()).GetProperty("emailAddress").GetString());
        Assert.Contains("actionGroups", Assert.Single(rule.GetProperty("actions").GetProperty("actionGroups").EnumerateArray()).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MainBicep_PassesTheInsightsComponent_AndTheOfficeMailboxUnlessAnotherIsGiven()
    {
        var main = CompiledBicep.Template("main.json");
        var module = Assert.Single(CompiledBicep.OfType(main, "Microsoft.Resources/deployments"), d => d.GetProperty("name").GetString()!.StartsWith("[format('alerts-", StringComparison.Ordinal));
        var parameters = module.GetProperty("properties").GetProperty("parameters");
        Assert.Contains("monitoring", parameters.GetProperty("insightsId").GetProperty("value").GetString(), StringComparison.Ordinal);
        var email = parameters.GetProperty("alertEmail").GetString()!;
        Assert.Contains("appraisalOfficeEmail", email, StringComparison.Ordinal);
        Assert.Contains("alertEmail", email, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.String, main.GetProperty("parameters").GetProperty("overdueAlertAfter").GetProperty("defaultValue").ValueKind);
    }
}
