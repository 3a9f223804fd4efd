package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** What an environment accepts as promotions into it (DataEnvironment.spec.promotion). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PromotionPolicy {
    @Size(max = 20)
    @JsonPropertyDescription("The DataEnvironments (by name) whose jobs and pipelines may be promoted into this one;"
            + " empty or absent: none.")
    public List<String> from;

    @JsonPropertyDescription("How many approvals a promotion needs, and from whom; absent: one approval by a manager of"
            + " this environment. A requester never approves their own promotion.")
    public ApprovalPolicy approvals;

    @JsonPropertyDescription("A run started after promoting; when it fails the promotion is rolled back (autoRollback,"
            + " default true). Absent: no verification.")
    public PromotionVerification verification;

    @JsonPropertyDescription("Where this environment's manifests live when Argo CD or Flux manages it: a promotion"
            + " commits the promoted manifests there instead of writing the cluster. Absent: a promotion into a"
            + " GitOps-managed object fails (ManagedByGitOps).")
    public PromotionGit git;

    @Size(max = 4)
    @JsonPropertyDescription("Fields this environment keeps from its own copy when a promotion overwrites it: schedule,"
            + " resources, variables (env and parameter defaults), suspend.")
    public List<PreservedField> preserve;
}
