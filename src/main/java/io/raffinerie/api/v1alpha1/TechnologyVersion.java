package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** One version of a technology: its image and lifecycle. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TechnologyVersion {
    @Required
    @Size(min = 1, max = 32)
    @ValidationRule(value = Patterns.VERSION_RULE, message = Patterns.VERSION_MESSAGE)
    @JsonPropertyDescription("The version jobs name in spec.version, such as \"3.12\".")
    public String name;

    @Required
    @Size(min = 1, max = 512)
    @ValidationRule(value = "!self.contains(' ')", message = "image: may not contain spaces")
    @JsonPropertyDescription("The image of the version, pinned by a tag or a digest, such as python:3.12-slim.")
    public String image;

    @JsonPropertyDescription("Where the version stands: Recommended, Stable (default), Deprecated (runs, with a "
            + "Deprecated condition on the jobs) or Disabled (does not run).")
    public TechnologyLifecycle lifecycle;

    @Size(max = 256)
    @JsonPropertyDescription("Shown to the jobs on a Deprecated or Disabled version: what to do instead, such as \"move "
            + "to 3.12\".")
    public String message;

    public TechnologyVersion() {
    }

    public TechnologyVersion(String name, String image, TechnologyLifecycle lifecycle, String message) {
        this.name = name;
        this.image = image;
        this.lifecycle = lifecycle;
        this.message = message;
    }
}
