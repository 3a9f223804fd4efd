package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** A job or pipeline a promotion writes, with a revision number. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PromotedObject {
    @JsonPropertyDescription("DataJob or DataPipeline.")
    public String kind;
    @JsonPropertyDescription("Its name, the same in both environments.")
    public String name;
    @JsonPropertyDescription("The revision: of the source for what is promoted, of this environment for what it had"
            + " before; absent in previous when the promotion created the object.")
    public Long revision;

    public PromotedObject() {
    }

    public PromotedObject(String kind, String name, Long revision) {
        this.kind = kind;
        this.name = name;
        this.revision = revision;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PromotedObject p && Objects.equals(kind, p.kind) && Objects.equals(name, p.name)
                && Objects.equals(revision, p.revision);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, name, revision);
    }
}
