package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** What a revision holds: the target, its number, the frozen spec and where it came from. Immutable. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self == oldSelf", message = "a DataRevision is immutable: it records a spec as it was")
public class DataRevisionSpec {
    @Required
    @JsonPropertyDescription("The DataJob or DataPipeline this revision is a version of.")
    public RevisionTarget target;

    @Required
    @Min(1)
    @JsonPropertyDescription("The revision's number: 1, 2, 3... per target, in the order the specs were first seen.")
    public Long revision;

    @Required
    @Size(max = 80)
    @Pattern("^sha256:[0-9a-f]{64}$")
    @JsonPropertyDescription("sha256 of the normalised spec (and, for a pipeline, of its jobs' revisions): re-applying an"
            + " old spec reuses the revision with the same hash.")
    public String contentHash;

    @Required
    @PreserveUnknownFields
    @SchemaFrom(type = Object.class)
    @JsonPropertyDescription("The target's whole spec, frozen: a DataJob's or a DataPipeline's spec.")
    public JsonNode spec;

    @Size(max = 200)
    @JsonPropertyDescription("For a pipeline: the DataRevision of each job its steps run, by job name.")
    public Map<String, String> jobs;

    @Size(max = 1024)
    @JsonPropertyDescription("Why the spec changed: the target's raffinerie.io/change-cause annotation when it was made.")
    public String changeCause;

    @Size(max = 512)
    @JsonPropertyDescription("Who last wrote the spec: the field manager of spec in the target's managedFields.")
    public String createdBy;
}
