package io.raffinerie.model.job;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.raffinerie.api.v1alpha1.DataTechnology;
import io.raffinerie.api.v1alpha1.DataTechnologySpec;
import io.raffinerie.api.v1alpha1.TechnologyLifecycle;
import io.raffinerie.api.v1alpha1.TechnologyVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One technology of the catalog, read from a DataTechnology: how a job's source is run, its versions (in declared
 * order) with images and lifecycles, the default version, default resources and the environments that may use it.
 */
public record Technology(String name, Launch launch, List<String> interpreter, String defaultVersion,
        Map<String, TechnologyVersion> versions, ResourceRequirements defaultResources, LabelSelector environments) {

    /** How the operator turns a job into a container command. */
    public enum Launch {
        /** The inline script, mounted from a ConfigMap, run by an interpreter. */
        SCRIPT,
        /** command and args, as given, on the technology's image. */
        COMMAND,
        /** spark-submit in cluster mode against the Kubernetes API. */
        SPARK_SUBMIT,
        /** The job's own image and command. */
        IMAGE
    }

    public static Technology of(DataTechnology resource) {
        DataTechnologySpec spec = resource.getSpec();
        Map<String, TechnologyVersion> versions = new LinkedHashMap<>();
        if (spec.versions != null) {
            spec.versions.forEach(v -> versions.putIfAbsent(v.name, v));
        }
        return new Technology(resource.getMetadata().getName(), launchOf(spec), spec.interpreter == null ? List.of() : spec.interpreter,
                spec.defaultVersion, versions, spec.defaults == null ? null : spec.defaults.resources, spec.environments);
    }

    private static Launch launchOf(DataTechnologySpec spec) {
        return switch (spec.launch) {
            case Script -> Launch.SCRIPT;
            case Command -> Launch.COMMAND;
            case SparkSubmit -> Launch.SPARK_SUBMIT;
            case Image -> Launch.IMAGE;
        };
    }

    /** A version's lifecycle; Stable when the catalog says none. */
    public static TechnologyLifecycle lifecycleOf(TechnologyVersion version) {
        return version.lifecycle == null ? TechnologyLifecycle.Stable : version.lifecycle;
    }

    /** The versions a job may choose: all but the Disabled ones, in declared order. */
    public List<String> usableVersions() {
        return versions.values().stream().filter(v -> lifecycleOf(v) != TechnologyLifecycle.Disabled).map(v -> v.name).toList();
    }
}
