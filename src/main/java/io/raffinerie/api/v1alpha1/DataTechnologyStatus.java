package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataTechnologyStatus extends Status {
    @JsonPropertyDescription("How many DataJobs use each version (a job without a version uses the default).")
    public List<VersionUsage> versions = new ArrayList<>();
    @JsonPropertyDescription("How many DataJobs use the technology, whatever their version.")
    public Integer jobs;
}
