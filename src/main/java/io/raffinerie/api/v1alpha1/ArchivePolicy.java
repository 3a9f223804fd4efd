package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** How an environment's runs are kept in the run archive, apart from the cluster's history limits. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ArchivePolicy {
    @Min(1)
    @Max(36500)
    @JsonPropertyDescription("How many days an archived run is kept after it finished, 1 to 36500; older runs are deleted "
            + "from the archive once an hour. Absent: kept for ever.")
    public Integer retentionDays;
}
