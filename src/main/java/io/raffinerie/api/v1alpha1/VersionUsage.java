package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** How many DataJobs use one version of a technology. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VersionUsage {
    @JsonPropertyDescription("The version's name.")
    public String name;
    @JsonPropertyDescription("How many DataJobs use the version.")
    public Integer inUseBy;

    public VersionUsage() {
    }

    public VersionUsage(String name, Integer inUseBy) {
        this.name = name;
        this.inUseBy = inUseBy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionUsage other && Objects.equals(name, other.name) && Objects.equals(inUseBy, other.inUseBy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, inUseBy);
    }
}
