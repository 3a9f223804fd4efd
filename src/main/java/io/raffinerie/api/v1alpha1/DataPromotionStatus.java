package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataPromotionStatus extends Status {
    @JsonPropertyDescription("PendingApproval, Promoting, Verifying, Succeeded, Failed or Rejected.")
    public PromotionPhase phase;

    @JsonPropertyDescription("The source revision promoted (the source's current one when spec.source.revision is"
            + " absent).")
    public Long revision;

    @JsonPropertyDescription("Who asked: the user who created the promotion, as the API server authenticated them.")
    public String requestedBy;

    @JsonPropertyDescription("The source environment's namespace, where the promoted revisions are; they are kept"
            + " from pruning until the promotion finishes.")
    public String sourceNamespace;

    @JsonPropertyDescription("The approvals and rejections counted, and those refused, with why.")
    public List<PromotionApprovalRecord> approvals = new ArrayList<>();

    @JsonPropertyDescription("What the promotion changes against what the environment had: a summary in words and"
            + " the unified diff of each object's spec.")
    public PromotionDiff diff;

    @JsonPropertyDescription("The jobs and pipelines the promotion writes (or wrote), with their source revisions.")
    public List<PromotedObject> promoted = new ArrayList<>();

    @JsonPropertyDescription("What this environment had before, for a rollback: each object's revision here, or none"
            + " when the promotion created it.")
    public List<PromotedObject> previous = new ArrayList<>();

    @JsonPropertyDescription("The commit made, when the environment is GitOps-managed (spec.promotion.git).")
    public PromotionCommit git;

    @JsonPropertyDescription("The verification run and how it went.")
    public PromotionVerificationStatus verification;

    @JsonPropertyDescription("When the promotion finished (RFC 3339).")
    public String completionTime;
}
