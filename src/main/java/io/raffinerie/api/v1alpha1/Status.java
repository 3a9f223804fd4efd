package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What every status carries: the generation it describes and its conditions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class Status {
    public Long observedGeneration;
    public List<Condition> conditions = new ArrayList<>();
}
