package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Condition;
import io.raffinerie.api.v1alpha1.schema.ConditionSchema;
import java.util.ArrayList;
import java.util.List;

/** What every status carries: the generation it describes and its conditions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class Status {
    @JsonPropertyDescription("The metadata.generation this status describes; behind it, the operator has not seen the "
            + "latest spec yet.")
    public Long observedGeneration;
    @JsonPropertyDescription("The resource's conditions; Ready says whether it is usable, with a reason and a message "
            + "when it is not (see the reasons reference).")
    @SchemaFrom(type = ConditionSchema[].class)
    public List<Condition> conditions = new ArrayList<>();
}
