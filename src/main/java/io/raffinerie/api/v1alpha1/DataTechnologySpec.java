package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.launch == 'Image' || (has(self.versions) && size(self.versions) > 0)",
        message = "versions: required unless launch is Image (an Image technology runs the job's own image)",
        fieldPath = ".versions", reason = "FieldValueRequired")
@ValidationRule(value = "self.launch != 'Image' || !has(self.versions) || size(self.versions) == 0",
        message = "versions: an Image technology runs the job's own image and has no versions", fieldPath = ".versions",
        reason = "FieldValueForbidden")
@ValidationRule(value = "!has(self.versions) || size(self.versions) == 0 || has(self.defaultVersion)",
        message = "defaultVersion: required, the version of jobs that name none", fieldPath = ".defaultVersion",
        reason = "FieldValueRequired")
@ValidationRule(value = "!has(self.defaultVersion) || (has(self.versions) && self.versions.exists(v, v.name == self.defaultVersion))",
        message = "defaultVersion: must be the name of one of versions",
        fieldPath = ".defaultVersion")
@ValidationRule(value = "!has(self.defaultVersion) || !has(self.versions)"
        + " || !self.versions.exists(v, v.name == self.defaultVersion && has(v.lifecycle) && v.lifecycle == 'Disabled')",
        message = "defaultVersion: may not be a Disabled version; choose another default before disabling it",
        fieldPath = ".defaultVersion")
@ValidationRule(value = "self.launch != 'Script' || (has(self.interpreter) && size(self.interpreter) > 0)",
        message = "interpreter: required for launch Script, the command that runs the mounted script (such as [python])",
        fieldPath = ".interpreter", reason = "FieldValueRequired")
@ValidationRule(value = "self.launch == 'Script' || !has(self.interpreter)",
        message = "interpreter: only for launch Script", fieldPath = ".interpreter", reason = "FieldValueForbidden")
@ValidationRule(value = "!has(self.versions) || self.versions.all(v, self.versions.exists_one(w, w.name == v.name))",
        message = "versions: names must be unique",
        messageExpression = "'versions: \"%s\" is declared more than once'"
                + ".format([self.versions.filter(v, !self.versions.exists_one(w, w.name == v.name))[0].name])",
        fieldPath = ".versions")
public class DataTechnologySpec {
    /** A readable name, such as Python. */
    @Size(max = 64)
    public String displayName;

    /** How a job's container starts: Script, Command, SparkSubmit or Image. */
    @Required
    public TechnologyLaunch launch;

    /** Script: the command that runs the mounted script, such as [python] or [Rscript]. */
    @Size(max = 8)
    public List<String> interpreter;

    /** The version of jobs that name none. */
    @Size(max = 32)
    @ValidationRule(value = Patterns.VERSION_RULE, message = Patterns.VERSION_MESSAGE)
    public String defaultVersion;

    @Size(max = 32)
    public List<TechnologyVersion> versions;

    /** What jobs get when they say nothing: resources. */
    public TechnologyDefaults defaults;

    /** The DataEnvironments (by their labels) whose jobs may use the technology; absent: every environment. */
    public LabelSelector environments;
}
