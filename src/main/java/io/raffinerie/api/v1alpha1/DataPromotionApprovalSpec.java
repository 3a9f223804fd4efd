package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** One person's decision on a promotion. Immutable. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self == oldSelf", message = "a DataPromotionApproval is immutable: create a new one")
public class DataPromotionApprovalSpec {
    @Required
    @Size(max = 253)
    @JsonPropertyDescription("The DataPromotion decided on, in this namespace.")
    public String promotion;

    @Required
    @JsonPropertyDescription("Approved or Rejected.")
    public ApprovalDecision decision;

    @Required
    @Size(max = 512)
    @JsonPropertyDescription("Who decides: must be the user who creates the approval (checked at admission against the"
            + " API server's userInfo).")
    public String user;

    @Size(max = 100)
    @JsonPropertyDescription("Groups of that user the approval counts under; each must be one of the user's groups"
            + " (checked at admission).")
    public List<String> groups;

    @Size(max = 1024)
    @JsonPropertyDescription("Why, for the history.")
    public String comment;
}
