package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** What a promotion changes against what the target environment had. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PromotionDiff {
    @JsonPropertyDescription("In words, such as \"DataJob clean: script changed; DataJob load: new\".")
    public String summary;

    @JsonPropertyDescription("The unified diff of each object's spec (normalised: keys sorted, one field a line), at"
            + " most 400 lines; the last line says how many more there were.")
    public List<String> patch = new ArrayList<>();

    public PromotionDiff() {
    }

    public PromotionDiff(String summary, List<String> patch) {
        this.summary = summary;
        this.patch = patch;
    }
}
