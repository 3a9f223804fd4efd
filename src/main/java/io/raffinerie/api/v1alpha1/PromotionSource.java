package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** What a promotion copies: a job or a pipeline of another environment, at a revision. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PromotionSource {
    @Required
    @Size(max = 253)
    @JsonPropertyDescription("The DataEnvironment it comes from; the target must accept it (spec.promotion.from).")
    public String environment;

    @Required
    @Size(max = 32)
    @Pattern("^(DataJob|DataPipeline)$")
    @JsonPropertyDescription("DataJob or DataPipeline (a pipeline comes with the job revisions it pins).")
    public String kind;

    @Required
    @Size(max = 253)
    @JsonPropertyDescription("The job's or pipeline's name in the source environment.")
    public String name;

    @Min(1)
    @JsonPropertyDescription("The DataRevision number to promote; absent: the source's current revision when the"
            + " promotion is first seen.")
    public Long revision;
}
