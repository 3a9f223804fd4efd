package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Which finished DataRuns to keep: how many by outcome, and for how long at most. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class History {
    @Min(0)
    @Max(1000)
    @JsonPropertyDescription("How many succeeded runs to keep, 0 to 1000; default 10.")
    public Integer succeeded;

    @Min(0)
    @Max(1000)
    @JsonPropertyDescription("How many failed or cancelled runs to keep, 0 to 1000; default 10.")
    public Integer failed;

    @Min(1)
    @Max(31622400)
    @JsonPropertyDescription("Finished runs older than this many seconds are deleted, even within the counts, as on a "
            + "batch/v1 Job; 1 to 31622400 (a year). Absent: no age limit.")
    public Integer ttlSecondsAfterFinished;

    @Min(1)
    @Max(1000)
    @JsonPropertyDescription("How many DataRevisions of the job or pipeline to keep (default 20); the current one and those"
            + " an unfinished run uses are always kept.")
    public Integer revisions;
}
