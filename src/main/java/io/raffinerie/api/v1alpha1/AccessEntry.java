package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Who gets a role in the environment's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "(has(self.users) && size(self.users) > 0) || (has(self.groups) && size(self.groups) > 0)"
        + " || (has(self.serviceAccounts) && size(self.serviceAccounts) > 0)",
        message = "an access entry needs at least one of users, groups or serviceAccounts")
public class AccessEntry {
    @Required
    @JsonPropertyDescription("The role granted in the environment's namespace, as a RoleBinding to the ClusterRole "
            + "raffinerie-<role>: viewer (read jobs, pipelines, runs and their logs), editor (also create and edit them) "
            + "or manager (also delete them, and manage Secrets and ConfigMaps).")
    public AccessRole role;

    @Size(max = 100)
    @JsonPropertyDescription("User names to bind to the role, as the cluster's authentication reports them, such as "
            + "alice@example.com. At most 100.")
    public List<String> users;

    @Size(max = 100)
    @JsonPropertyDescription("Group names to bind to the role, such as data-team. At most 100.")
    public List<String> groups;

    @Size(max = 100)
    @JsonPropertyDescription("Service accounts to bind to the role, as namespace/name, such as ci/deployer. At most 100.")
    public List<String> serviceAccounts;
}
