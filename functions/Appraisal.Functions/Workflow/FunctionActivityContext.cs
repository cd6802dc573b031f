using Microsoft.DurableTask;

namespace Appraisal.Functions.Workflow;

/// <summary>The activity context a class-based activity expects, built from the trigger's binding data: the Functions
/// worker hands an activity trigger its input and the calling instance's id, not a <see cref="TaskActivityContext"/>.</summary>
internal sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}
