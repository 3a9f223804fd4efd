package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.raffinerie.api.v1alpha1.schema.ResourceRequirementsSchema;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.technology != 'container' || has(self.image)",
        message = "image is required when technology is container", fieldPath = ".image", reason = "FieldValueRequired")
// Only the built-in technologies known to take no script: any other may come from the catalog, which the operator checks.
@ValidationRule(value = "!has(self.script) || !(self.technology in ['java', 'container'])",
        message = "this technology takes no script; use command and args",
        messageExpression = "'technology \"' + self.technology + '\" takes no script; use command and args (python, bash and spark run a script)'",
        fieldPath = ".script")
@ValidationRule(value = "!has(self.script) || !has(self.spark) || !has(self.spark.mainApplicationFile)",
        message = "a spark job runs either its script (PySpark) or spark.mainApplicationFile, not both", fieldPath = ".script")
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
    @Required
    @Size(min = 1, max = 32)
    @ValidationRule(value = Patterns.TECHNOLOGY_RULE, message = Patterns.TECHNOLOGY_MESSAGE)
    @JsonPropertyDescription("What the job runs: python, bash, java, spark or container, or any technology of the "
            + "catalog (kubectl get dtech).")
    public String technology;

    @Size(max = 32)
    @ValidationRule(value = Patterns.VERSION_RULE, message = Patterns.VERSION_MESSAGE)
    @JsonPropertyDescription("The technology's version, which picks the image from the catalog, such as \"3.12\"; "
            + "absent: the technology's default version.")
    public String version;

    @Size(max = 512)
    @JsonPropertyDescription("An image that overrides the catalog's; required for technology container (and other Image "
            + "technologies); not for spark, whose pods run only the catalog's images.")
    public String image;

    @Size(max = 262144)
    @JsonPropertyDescription("The inline source for python and bash (and other Script technologies), mounted read-only "
            + "and run by the technology's interpreter; for spark, a PySpark application run by the driver. At most 256 KiB.")
    public String script;

    @Size(max = 64)
    @JsonPropertyDescription("The container's command (entrypoint) for java, container and other Command or Image "
            + "technologies, such as [java, -jar, /app/app.jar].")
    public List<String> command;

    @Size(max = 256)
    @JsonPropertyDescription("Arguments to the command, or to the script for python and bash.")
    public List<String> args;

    @Size(max = 50)
    @JsonPropertyDescription("The job's parameters: each becomes an environment variable of the container, set by a "
            + "DataRun's spec.parameters or its default. Names unique, at most 50.")
    public List<Parameter> parameters;

    @Size(max = 100)
    @JsonPropertyDescription("Environment variables of the job's container: a plain value or a Secret reference. Names "
            + "unique, at most 100.")
    public List<Variable> env;

    @JsonPropertyDescription("CPU and memory requests and limits of the job's container; absent: the catalog's defaults "
            + "for the technology, then the environment's LimitRange.")
    @SchemaFrom(type = ResourceRequirementsSchema.class)
    public ResourceRequirements resources;

    @Min(0)
    @Max(20)
    @JsonPropertyDescription("How many times a failed pod is started again (the Job's backoffLimit), 0 to 20; default 0.")
    public Integer retries;

    @Size(max = 32)
    @ValidationRule(value = Patterns.DURATION_RULE, message = Patterns.DURATION_MESSAGE)
    @JsonPropertyDescription("How long a run may take (the Job's activeDeadlineSeconds), such as 90s, 30m or 1h30m; past "
            + "it the run fails with reason DeadlineExceeded. Absent: no limit.")
    public String timeout;

    @JsonPropertyDescription("When the job runs by itself: a cron schedule, run as a CronJob. Absent: only on demand.")
    public Schedule schedule;

    @JsonPropertyDescription("How many finished DataRuns of the job to keep, by outcome (10 each by default), and for "
            + "how long at most.")
    public History history;

    @Size(max = 10)
    @JsonPropertyDescription("Webhooks to post on run transitions (Started, Succeeded, Failed, TimedOut, Recovered). At "
            + "most 10.")
    public List<Alert> alerts;

    @JsonPropertyDescription("spark-submit settings (application, driver, executors, extra configuration); only for "
            + "technology spark.")
    public SparkSpec spark;

    @Size(max = ResultDeclaration.MAX_RESULTS)
    @ValidationRule(value = "self.all(r, self.exists_one(q, q.name == r.name))", message = "result names must be unique")
    @JsonPropertyDescription("The results the job writes when it succeeds (docs/results.md): lines NAME=VALUE in the file named"
            + " by its RAFFINERIE_RESULTS variable, at most 4096 bytes in all. Only declared results are accepted, and every"
            + " declared one must be written, or the step fails with reason ResultsInvalid.")
    public List<ResultDeclaration> results;

    @JsonPropertyDescription("Labels and annotations added to the job's pods, for example for a service mesh or a cost "
            + "tool.")
    public PodMetadata podMetadata;
}
