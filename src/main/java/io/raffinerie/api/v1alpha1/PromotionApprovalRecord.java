package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One DataPromotionApproval as the promotion counted it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PromotionApprovalRecord {
    @JsonPropertyDescription("The DataPromotionApproval's name.")
    public String name;
    @JsonPropertyDescription("Who decided (checked at admission against the API server's userInfo).")
    public String user;
    @JsonPropertyDescription("Approved or Rejected.")
    public ApprovalDecision decision;
    @JsonPropertyDescription("When it was made (the approval's creation time).")
    public String at;
    @JsonPropertyDescription("Why it does not count, when it does not: SelfApproval or NotAnApprover.")
    public String refused;

    public PromotionApprovalRecord() {
    }

    public PromotionApprovalRecord(String name, String user, ApprovalDecision decision, String at, String refused) {
        this.name = name;
        this.user = user;
        this.decision = decision;
        this.at = at;
        this.refused = refused;
    }
}
