package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** How many finished DataRuns to keep, by outcome. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class History {
    @Min(0)
    @Max(1000)
    public Integer succeeded;

    @Min(0)
    @Max(1000)
    public Integer failed;
}
