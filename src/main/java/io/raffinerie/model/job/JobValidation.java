package io.raffinerie.model.job;

import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.fabric8.kubernetes.api.model.Condition;
import io.raffinerie.model.Conditions;
import io.raffinerie.model.CronSchedule;
import io.raffinerie.model.Durations;
import io.raffinerie.model.Problem;
import io.raffinerie.model.Reasons;
import io.raffinerie.model.Variables;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** What the schema cannot check about a DataJob: the catalog, the schedule, durations. */
public final class JobValidation {
    private JobValidation() {
    }

    public static Optional<Problem> validate(DataJobSpec spec, TechnologyCatalog catalog) {
        if (spec == null || spec.technology == null) {
            return Optional.of(new Problem(Reasons.INVALID_SPEC, "spec.technology: required"));
        }
        TechnologyCatalog.Resolution resolution = catalog.resolve(spec.technology, spec.version, spec.image);
        if (!resolution.isValid()) {
            return Optional.of(resolution.problem());
        }
        Technology.Launch launch = resolution.technology().launch();
        if (spec.script != null && launch != Technology.Launch.SCRIPT && launch != Technology.Launch.SPARK_SUBMIT) {
            return Optional.of(new Problem(Reasons.INVALID_SPEC, "spec.script: technology \"" + spec.technology
                    + "\" takes no script; use command and args (technologies that run a script: "
                    + String.join(", ", catalog.scriptTechnologies()) + ")"));
        }
        if (launch == Technology.Launch.SPARK_SUBMIT && spec.script != null && spec.spark != null
                && spec.spark.mainApplicationFile != null) {
            return Optional.of(new Problem(Reasons.INVALID_SPEC,
                    "spec.script: a spark job runs either its script (PySpark) or spark.mainApplicationFile, not both"));
        }
        if (resolution.technology().launch() == Technology.Launch.SCRIPT && spec.script == null
                && (spec.command == null || spec.command.isEmpty())) {
            return Optional.of(new Problem(Reasons.INVALID_SPEC,
                    "spec.script: a " + spec.technology + " job needs a script or a command"));
        }
        if (spec.spark != null && spec.spark.sparkConf != null) {
            Optional<String> own = spec.spark.sparkConf.keySet().stream().filter(Launch::isOperatorKey).sorted().findFirst();
            if (own.isPresent()) {
                return Optional.of(new Problem(Reasons.INVALID_SPEC, "spec.spark.sparkConf: \"" + own.get()
                        + "\" is set by the operator and may not be overridden (spark.kubernetes.*, spark.master and"
                        + " spark.submit.deployMode); size the driver and executors with spec.spark.driver and spec.spark.executor"));
            }
        }
        return Stream.of(
                        Durations.check("spec.timeout", spec.timeout),
                        CronSchedule.check(spec.schedule),
                        Variables.checkUnique("spec.env", spec.env),
                        scheduledParametersProblem(spec))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /**
     * The conditions with Deprecated set: True with the catalog's message while the job's version is Deprecated; False
     * once it no longer is (a job that never was gets no condition, hence no write).
     */
    public static List<Condition> deprecation(List<Condition> conditions, DataJobSpec spec, TechnologyCatalog catalog,
            Long generation, Clock clock) {
        String deprecation = spec == null || spec.technology == null ? null
                : catalog.resolve(spec.technology, spec.version, spec.image).deprecation();
        if (deprecation != null) {
            return Conditions.set(conditions, Reasons.DEPRECATED, true, Reasons.DEPRECATED, deprecation, generation, clock);
        }
        if (Conditions.find(conditions, Reasons.DEPRECATED).isEmpty()) {
            return conditions;
        }
        return Conditions.set(conditions, Reasons.DEPRECATED, false, Reasons.SUPPORTED,
                "the job's technology version is not deprecated", generation, clock);
    }

    /** A schedule starts runs without parameters: every parameter needs a default. */
    private static Optional<Problem> scheduledParametersProblem(DataJobSpec spec) {
        if (spec.schedule == null || spec.parameters == null) {
            return Optional.empty();
        }
        return spec.parameters.stream().filter(p -> p.defaultValue == null).findFirst()
                .map(p -> new Problem(Reasons.MISSING_PARAMETER, "spec.parameters: the scheduled job needs a default for "
                        + p.name + ", since a schedule gives no parameters"));
    }
}
