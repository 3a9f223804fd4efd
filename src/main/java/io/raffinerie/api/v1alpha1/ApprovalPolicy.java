package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Who approves promotions into an environment, and how many must. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApprovalPolicy {
    @Min(0)
    @Max(10)
    @JsonPropertyDescription("Approvals needed before the promotion is written (default 1; 0: none needed).")
    public Integer count;

    @Size(max = 100)
    @JsonPropertyDescription("Users who may approve. With neither users nor groups, the environment's managers (its"
            + " access entries with role manager) may.")
    public List<String> users;

    @Size(max = 100)
    @JsonPropertyDescription("Groups whose members may approve.")
    public List<String> groups;

    public int required() {
        return count == null ? 1 : count;
    }
}
