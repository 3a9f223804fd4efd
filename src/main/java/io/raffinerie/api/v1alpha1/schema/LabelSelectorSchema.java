package io.raffinerie.api.v1alpha1.schema;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;

/** The schema of a LabelSelector; all its terms must match, and an empty selector matches everything. */
public final class LabelSelectorSchema {
    @JsonPropertyDescription("Label requirements, such as {key: tier, operator: In, values: [prod]}; all must hold.")
    public List<RequirementSchema> matchExpressions;

    @JsonPropertyDescription("Labels that must be present with these values, such as {tier: prod}.")
    public Map<String, String> matchLabels;

    private LabelSelectorSchema() {
    }

    /** The schema of one LabelSelectorRequirement. */
    public static final class RequirementSchema {
        @JsonPropertyDescription("The label key, such as tier.")
        public String key;

        @JsonPropertyDescription("How the label's value relates to values: In, NotIn, Exists or DoesNotExist.")
        public String operator;

        @JsonPropertyDescription("The values for In and NotIn (at least one); empty for Exists and DoesNotExist.")
        public List<String> values;

        private RequirementSchema() {
        }
    }
}
