namespace Appraisal.Workflow.Identity;

/// <summary>Who a caller is to the appraisal: staff see their own dossier and the public notice; department heads act
/// for their own department; the appraisal office (考核办公室) runs and verifies cycles; Party-group members decide;
/// supervisors read everything and change nothing; administrators manage the organisation and keys.</summary>
public enum Role
{
    Staff,
    DepartmentHead,
    AppraisalOffice,
    PartyGroup,
    Supervisor,
    Administrator,
}
