package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
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
    /** The namespace of the environment; defaults to the DataEnvironment's name. */
    @Size(max = 63)
    @ValidationRule(value = Patterns.DNS_LABEL_RULE, message = Patterns.DNS_LABEL_MESSAGE)
    @ValidationRule(value = "!(self in ['default', 'kube-system', 'kube-public', 'kube-node-lease'])",
            message = "a DataEnvironment cannot claim a system namespace")
    public String namespace;

    @Size(max = 50)
    public List<AccessEntry> access;

    public NetworkSpec network;

    public Quota quota;

    public ContainerDefaults defaults;

    public Scheduling scheduling;

    @Size(max = 100)
    public List<Variable> variables;

    public DeletionPolicy deletionPolicy;
}
