package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.raffinerie.api.v1alpha1.schema.LabelSelectorSchema;
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
    @Size(max = 64)
    @JsonPropertyDescription("A readable name for the dashboard and the CLI, such as Python.")
    public String displayName;

    @Required
    @JsonPropertyDescription("How a job's container starts: Script (the job's script run by the interpreter), Command "
            + "(the job's command on the version's image), SparkSubmit (spark-submit in cluster mode) or Image (the job's "
            + "own image).")
    public TechnologyLaunch launch;

    @Size(max = 8)
    @JsonPropertyDescription("For launch Script only, and required there: the command that runs the mounted script, such "
            + "as [python] or [Rscript].")
    public List<String> interpreter;

    @Size(max = 32)
    @ValidationRule(value = Patterns.VERSION_RULE, message = Patterns.VERSION_MESSAGE)
    @JsonPropertyDescription("The version of jobs that name none; one of versions, not Disabled. Required when there are "
            + "versions.")
    public String defaultVersion;

    @Size(max = 32)
    @JsonPropertyDescription("The versions jobs may choose, each with its pinned image and lifecycle; required unless "
            + "launch is Image, which has none. Names unique, at most 32.")
    public List<TechnologyVersion> versions;

    @JsonPropertyDescription("What jobs of the technology get when their spec says nothing: resources.")
    public TechnologyDefaults defaults;

    @JsonPropertyDescription("The DataEnvironments, by their labels, whose jobs may use the technology; absent: every "
            + "environment.")
    @SchemaFrom(type = LabelSelectorSchema.class)
    public LabelSelector environments;
}
