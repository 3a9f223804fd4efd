package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** The commit a promotion into a GitOps-managed environment made. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PromotionCommit {
    @JsonPropertyDescription("The repository's URL.")
    public String repository;
    @JsonPropertyDescription("The branch committed to.")
    public String branch;
    @JsonPropertyDescription("The commit's id (SHA-1).")
    public String commit;
    @JsonPropertyDescription("The files it changed, relative to the repository's root.")
    public List<String> files = new ArrayList<>();
}
