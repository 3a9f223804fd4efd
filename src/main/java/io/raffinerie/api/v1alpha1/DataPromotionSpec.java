package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** What to promote into the promotion's namespace, why, and who asks. Immutable. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self == oldSelf", message = "a DataPromotion is immutable: create a new one")
@ValidationRule(value = "has(self.source) != has(self.rollbackOf)",
        message = "set exactly one of source (what to promote) and rollbackOf (the promotion to undo)")
public class DataPromotionSpec {
    @JsonPropertyDescription("The job or pipeline to copy, from which environment, at which revision.")
    public PromotionSource source;

    @Size(max = 1024)
    @JsonPropertyDescription("Why, for the approvers and the history.")
    public String reason;

    @Size(max = 253)
    @JsonPropertyDescription("A finished promotion of this namespace to undo: what the environment had before it is put"
            + " back.")
    public String rollbackOf;

    @Size(max = 512)
    @JsonPropertyDescription("Who asks: set at admission to the user who creates the promotion, whatever the manifest"
            + " says (MutatingAdmissionPolicy raffinerie-promotion-requester); that user may then not approve it.")
    public String requestedBy;
}
