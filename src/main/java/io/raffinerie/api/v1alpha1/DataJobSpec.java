package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.technology != 'container' || has(self.image)",
        message = "image is required when technology is container", fieldPath = ".image", reason = "FieldValueRequired")
// Only the built-in technologies known to take no script: any other may come from the catalog, which the operator checks.
@ValidationRule(value = "!has(self.script) || !(self.technology in ['java', 'spark', 'container'])",
        message = "this technology takes no script; use command and args",
        messageExpression = "'technology \"' + self.technology + '\" takes no script; use command and args (python and bash run a script)'",
        fieldPath = ".script")
@ValidationRule(value = "!has(self.spark) || self.technology == 'spark'",
        message = "spark settings are only allowed for technology spark", fieldPath = ".spark")
// Spark's pods run with an API token that may create pods: their image is the catalog's, never the job's own.
@ValidationRule(value = "!has(self.image) || self.technology != 'spark'",
        message = "image: a spark job's pods get an API token, so they run the technology catalog's image;"
                + " choose it with version (a cluster administrator adds images to the catalog)",
        fieldPath = ".image", reason = "FieldValueForbidden")
@ValidationRule(value = Patterns.UNIQUE_PARAMETERS, message = Patterns.UNIQUE_PARAMETERS_MESSAGE,
        messageExpression = Patterns.UNIQUE_PARAMETERS_MESSAGE_EXPRESSION, fieldPath = ".parameters")
@ValidationRule(value = "!has(self.env) || self.env.all(v, self.env.exists_one(w, w.name == v.name))",
        message = "env names must be unique",
        messageExpression = "'env variable \"%s\" is declared more than once; env names must be unique'"
                + ".format([self.env.filter(v, !self.env.exists_one(w, w.name == v.name))[0].name])",
        fieldPath = ".env")
public class DataJobSpec {
    /** python, bash, java, spark or container; the operator's technology catalog may add more. */
    @Required
    @Size(min = 1, max = 32)
    @ValidationRule(value = Patterns.TECHNOLOGY_RULE, message = Patterns.TECHNOLOGY_MESSAGE)
    public String technology;

    /** The technology's version, which picks the image from the catalog. */
    @Size(max = 32)
    @ValidationRule(value = Patterns.VERSION_RULE, message = Patterns.VERSION_MESSAGE)
    public String version;

    /** An image that overrides the catalog's; required for container. */
    @Size(max = 512)
    public String image;

    /** Inline source for python and bash, mounted read-only. */
    @Size(max = 262144)
    public String script;

    @Size(max = 64)
    public List<String> command;

    @Size(max = 256)
    public List<String> args;

    @Size(max = 50)
    public List<Parameter> parameters;

    @Size(max = 100)
    public List<Variable> env;

    public ResourceRequirements resources;

    /** How many times a failed run is retried. */
    @Min(0)
    @Max(20)
    public Integer retries;

    /** How long a run may take, such as 30m. */
    @Size(max = 32)
    @ValidationRule(value = Patterns.DURATION_RULE, message = Patterns.DURATION_MESSAGE)
    public String timeout;

    public Schedule schedule;

    public History history;

    @Size(max = 10)
    public List<Alert> alerts;

    public SparkSpec spark;

    @Size(max = ResultDeclaration.MAX_RESULTS)
    @ValidationRule(value = "self.all(r, self.exists_one(q, q.name == r.name))", message = "result names must be unique")
    @JsonPropertyDescription("The results the job writes when it succeeds (docs/results.md): lines NAME=VALUE in the file named"
            + " by its RAFFINERIE_RESULTS variable, at most 4096 bytes in all. Only declared results are accepted, and every"
            + " declared one must be written, or the step fails with reason ResultsInvalid.")
    public List<ResultDeclaration> results;

    /** Labels and annotations for the job's pods. */
    public PodMetadata podMetadata;
}
