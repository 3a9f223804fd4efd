package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** One version of a technology: its image and lifecycle. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TechnologyVersion {
    @Required
    @Size(min = 1, max = 32)
    @ValidationRule(value = Patterns.VERSION_RULE, message = Patterns.VERSION_MESSAGE)
    public String name;

    /** The image, pinned (a tag or a digest). */
    @Required
    @Size(min = 1, max = 512)
    @ValidationRule(value = "!self.contains(' ')", message = "image: may not contain spaces")
    public String image;

    /** Recommended, Stable (when absent), Deprecated or Disabled. */
    public TechnologyLifecycle lifecycle;

    /** Shown to the jobs on a Deprecated or Disabled version: what to do instead. */
    @Size(max = 256)
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
