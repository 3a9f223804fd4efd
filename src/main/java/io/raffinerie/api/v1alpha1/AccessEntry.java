package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
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
    public AccessRole role;

    @Size(max = 100)
    public List<String> users;

    @Size(max = 100)
    public List<String> groups;

    /** Service accounts, as namespace/name. */
    @Size(max = 100)
    public List<String> serviceAccounts;
}
