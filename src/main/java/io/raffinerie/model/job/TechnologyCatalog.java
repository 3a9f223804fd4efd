package io.raffinerie.model.job;

import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataTechnology;
import io.raffinerie.api.v1alpha1.TechnologyLifecycle;
import io.raffinerie.api.v1alpha1.TechnologyVersion;
import io.raffinerie.model.LabelSelectors;
import io.raffinerie.model.Problem;
import io.raffinerie.model.Reasons;
import io.raffinerie.model.Suggestions;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The technologies jobs may use: the cluster's DataTechnology objects, seen from one environment (its labels decide
 * which technologies it may use). Resolving a job's technology and version gives its image, interpreter and default
 * resources, or a problem that names the valid choices.
 */
public final class TechnologyCatalog {
    private final Map<String, Technology> technologies;
    private final String environment;
    private final Map<String, String> environmentLabels;

    private TechnologyCatalog(Map<String, Technology> technologies, String environment, Map<String, String> environmentLabels) {
        this.technologies = new TreeMap<>(technologies);
        this.environment = environment;
        this.environmentLabels = environmentLabels;
    }

    public TechnologyCatalog(Map<String, Technology> technologies) {
        this(technologies, null, Map.of());
    }

    /** The catalog of the given DataTechnology objects; one being deleted is no longer in it. */
    public static TechnologyCatalog of(Collection<DataTechnology> resources) {
        Map<String, Technology> entries = new TreeMap<>();
        for (DataTechnology resource : resources) {
            if (resource.getSpec() != null && resource.getSpec().launch != null && resource.getMetadata().getDeletionTimestamp() == null) {
                entries.put(resource.getMetadata().getName(), Technology.of(resource));
            }
        }
        return new TechnologyCatalog(entries);
    }

    /** The catalog as jobs of {@code environment} see it; null: an environment without labels. */
    public TechnologyCatalog forEnvironment(DataEnvironment environment) {
        if (environment == null) {
            return new TechnologyCatalog(technologies, null, Map.of());
        }
        Map<String, String> labels = environment.getMetadata().getLabels();
        return new TechnologyCatalog(technologies, environment.getMetadata().getName(), labels == null ? Map.of() : labels);
    }

    /** The catalog with the given technology added or replaced. */
    public TechnologyCatalog with(Technology technology) {
        Map<String, Technology> entries = new TreeMap<>(technologies);
        entries.put(technology.name(), technology);
        return new TechnologyCatalog(entries, environment, environmentLabels);
    }

    /**
     * The technology, version and image of a job; {@code jobImage} wins when set, except for a technology whose pods get
     * an API token (spark), which always runs the catalog's image. A Deprecated version resolves, with its message; a
     * Disabled or unknown version, an unknown technology or one the environment may not use is a problem naming the
     * valid choices.
     */
    public Resolution resolve(String technology, String version, String jobImage) {
        Technology entry = technologies.get(technology);
        List<String> allowed = allowedNames();
        if (entry == null) {
            return Resolution.problem(new Problem(Reasons.UNKNOWN_TECHNOLOGY, "spec.technology: \"" + technology
                    + "\" is not in the technology catalog;" + Suggestions.didYouMean(technology, allowed)
                    + " valid technologies: " + names(allowed)));
        }
        if (!allowed.contains(technology)) {
            return Resolution.problem(new Problem(Reasons.TECHNOLOGY_NOT_ALLOWED, "spec.technology: \"" + technology
                    + "\" may not be used in " + (environment == null ? "this environment" : "environment " + environment)
                    + " (the catalog allows it in environments labelled " + LabelSelectors.describe(entry.environments())
                    + "); technologies this environment may use: " + names(allowed)));
        }
        if (entry.launch() == Technology.Launch.IMAGE) {
            if (jobImage == null || jobImage.isBlank()) {
                return Resolution.problem(new Problem(Reasons.INVALID_SPEC, "spec.image: required for technology " + technology));
            }
            return new Resolution(entry, version, jobImage, null, null);
        }
        if (entry.launch() == Technology.Launch.SPARK_SUBMIT && jobImage != null && !jobImage.isBlank()) {
            return Resolution.problem(new Problem(Reasons.INVALID_SPEC, "spec.image: technology " + technology
                    + " runs its pods with an API token, so they run the catalog's image, never the job's own;"
                    + " remove spec.image and choose the image with spec.version"));
        }
        String chosen = version == null ? entry.defaultVersion() : version;
        TechnologyVersion found = chosen == null ? null : entry.versions().get(chosen);
        List<String> usable = entry.usableVersions();
        if (found == null) {
            return Resolution.problem(new Problem(Reasons.UNKNOWN_TECHNOLOGY, "spec.version: \"" + chosen + "\" is not a version of "
                    + technology + ";" + Suggestions.didYouMean(chosen, usable) + " valid versions: " + names(usable)));
        }
        TechnologyLifecycle lifecycle = Technology.lifecycleOf(found);
        if (lifecycle == TechnologyLifecycle.Disabled) {
            return Resolution.problem(new Problem(Reasons.VERSION_DISABLED, "spec.version: " + technology + " " + chosen
                    + " is disabled in the technology catalog" + (found.message == null ? "" : ": " + found.message)
                    + "; valid versions: " + names(usable)));
        }
        String deprecation = lifecycle != TechnologyLifecycle.Deprecated ? null : technology + " " + chosen
                + " is deprecated" + (found.message == null ? "" : ": " + found.message);
        return new Resolution(entry, chosen, jobImage == null || jobImage.isBlank() ? found.image : jobImage, deprecation, null);
    }

    /** The images of the technologies whose pods get an API token (spark): all that the Spark identity may run. */
    public List<String> sparkImages() {
        return technologies.values().stream().filter(t -> t.launch() == Technology.Launch.SPARK_SUBMIT)
                .flatMap(t -> t.versions().values().stream().map(v -> v.image)).distinct().sorted().toList();
    }

    /** The technologies whose jobs run a script (python, bash and spark, as shipped), in name order. */
    public List<String> scriptTechnologies() {
        return technologies.values().stream()
                .filter(t -> t.launch() == Technology.Launch.SCRIPT || t.launch() == Technology.Launch.SPARK_SUBMIT)
                .map(Technology::name).toList();
    }

    /** The technologies this catalog's environment may use, in name order. */
    public List<String> allowedNames() {
        return technologies.values().stream().filter(t -> LabelSelectors.matches(t.environments(), environmentLabels))
                .map(Technology::name).toList();
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "none (ask the platform team to add DataTechnology objects)" : String.join(", ", names);
    }

    /**
     * A technology, version and image, or the problem that prevented them. {@code deprecation} is the catalog's message
     * when the version is Deprecated, else null.
     */
    public record Resolution(Technology technology, String version, String image, String deprecation, Problem problem) {
        static Resolution problem(Problem problem) {
            return new Resolution(null, null, null, null, problem);
        }

        public boolean isValid() {
            return problem == null;
        }

        /** The job's own resources, else the technology's defaults (else none: the environment's LimitRange applies). */
        public ResourceRequirements resources(ResourceRequirements jobResources) {
            return jobResources != null ? jobResources : technology == null ? null : technology.defaultResources();
        }
    }
}
