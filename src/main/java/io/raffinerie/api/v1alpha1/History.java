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
    public Integer succeeded;

    @Min(0)
    @Max(1000)
    public Integer failed;

    /** Finished runs older than this are deleted, even within the counts; as on a batch/v1 Job. */
    @Min(1)
    @Max(31622400)
    public Integer ttlSecondsAfterFinished;

    @Min(1)
    @Max(1000)
    @JsonPropertyDescription("How many DataRevisions of the job or pipeline to keep (default 20); the current one and those"
            + " an unfinished run uses are always kept.")
    public Integer revisions;
}
