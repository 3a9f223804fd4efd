package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** The DataJob or DataPipeline a revision belongs to. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RevisionTarget {
    public static final String JOB = "DataJob";
    public static final String PIPELINE = "DataPipeline";

    @Required
    @Size(max = 32)
    @io.fabric8.generator.annotation.Pattern("^(DataJob|DataPipeline)$")
    @JsonPropertyDescription("DataJob or DataPipeline.")
    public String kind;

    @Required
    @Size(max = 253)
    @JsonPropertyDescription("The target's name, in the revision's namespace.")
    public String name;

    public RevisionTarget() {
    }

    public RevisionTarget(String kind, String name) {
        this.kind = kind;
        this.name = name;
    }
}
