package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "(has(self.__namespace__) ? self.__namespace__ : '') == (has(oldSelf.__namespace__) ? oldSelf.__namespace__ : '')",
        message = "spec.namespace cannot be changed; create a new DataEnvironment instead", reason = "FieldValueForbidden")
@ValidationRule(value = "!has(self.variables) || self.variables.all(v, self.variables.exists_one(w, w.name == v.name))",
        message = "variable names must be unique",
        messageExpression = "'variable \"%s\" is declared more than once; variable names must be unique'"
                + ".format([self.variables.filter(v, !self.variables.exists_one(w, w.name == v.name))[0].name])",
        fieldPath = ".variables")
public class DataEnvironmentSpec {
    @Size(max = 63)
    @ValidationRule(value = Patterns.DNS_LABEL_RULE, message = Patterns.DNS_LABEL_MESSAGE)
    @ValidationRule(value = "!(self in ['default', 'kube-system', 'kube-public', 'kube-node-lease'])",
            message = "a DataEnvironment cannot claim a system namespace")
    @JsonPropertyDescription("The namespace the environment governs (the operator creates it); defaults to the "
            + "DataEnvironment's name. A DNS label, not a system namespace; cannot be changed afterwards.")
    public String namespace;

    @Size(max = 50)
    @JsonPropertyDescription("Who may do what in the environment: each entry binds users, groups or service accounts to "
            + "a role (viewer, editor, manager). At most 50 entries.")
    public List<AccessEntry> access;

    @JsonPropertyDescription("How the environment's pods are fenced: the isolation (Strict by default) and the "
            + "destinations they may reach.")
    public NetworkSpec network;

    @JsonPropertyDescription("Totals for the environment's namespace (CPU, memory, pods), as a ResourceQuota; absent: no "
            + "quota.")
    public Quota quota;

    @JsonPropertyDescription("Requests and limits for job containers that set none, as a LimitRange; absent: no LimitRange.")
    public ContainerDefaults defaults;

    @JsonPropertyDescription("Where the pods of the environment's runs go: node selector, tolerations and PriorityClass, "
            + "for every pod the operator makes for this environment.")
    public Scheduling scheduling;

    @Size(max = 100)
    @JsonPropertyDescription("Environment variables injected into every job of the environment, such as a shared "
            + "WAREHOUSE_URL: plain values or Secret references. Names unique, at most 100.")
    public List<Variable> variables;

    @JsonPropertyDescription("What happens to the namespace when the DataEnvironment is deleted: Retain (default) leaves "
            + "it and its contents, Delete deletes it when the operator created it.")
    public DeletionPolicy deletionPolicy;

    @JsonPropertyDescription("What this environment accepts as promotions into it (DataPromotion): from which"
            + " environments, with how many approvals and from whom, a verification run, and the fields it keeps."
            + " Absent: no promotion is accepted.")
    public PromotionPolicy promotion;

    @JsonPropertyDescription("How the environment's runs are kept in the run archive, when the operator's archive is on"
            + " (archive.enabled): for how long. The cluster's own history is each job's and pipeline's spec.history.")
    public ArchivePolicy archive;
}
