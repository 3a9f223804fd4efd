package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * The Git repository an Argo CD or Flux managed environment is synced from: a promotion into it is a commit there,
 * never a write to the cluster.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PromotionGit {
    @Required
    @Size(max = 2048)
    @Pattern("^(https?|git)://[^\\s]+$")
    @JsonPropertyDescription("The repository's URL, https:// (with credentialsSecretRef when it needs them) or git://.")
    public String repository;

    @Size(max = 255)
    @Pattern("^[A-Za-z0-9._/-]+$")
    @JsonPropertyDescription("The branch the tool syncs (default main).")
    public String branch;

    @Size(max = 1024)
    @Pattern("^[A-Za-z0-9._/-]*$")
    @JsonPropertyDescription("The directory of the environment's manifests in the repository (default: its root). A"
            + " promoted object replaces the document of the same kind and name in the YAML files there; one that has"
            + " none is written to <kind>-<name>.yaml.")
    public String path;

    @JsonPropertyDescription("The key of a Secret of this environment's namespace holding a token (or password) for an"
            + " https repository, sent with the user name the Secret's key username holds (default git); absent: no"
            + " credentials.")
    public SecretKeyRef credentialsSecretRef;

    public String branchOrDefault() {
        return branch == null || branch.isBlank() ? "main" : branch;
    }
}
