package io.raffinerie.model.job;

import io.raffinerie.model.Problem;
import io.raffinerie.model.Reasons;
import io.raffinerie.model.Suggestions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The technologies jobs may use. The built-in entries can be overridden by operator configuration. */
public final class TechnologyCatalog {
    private final Map<String, Technology> technologies;

    public TechnologyCatalog(Map<String, Technology> technologies) {
        this.technologies = new TreeMap<>(technologies);
    }

    public static TechnologyCatalog builtIn() {
        Map<String, Technology> entries = new LinkedHashMap<>();
        entries.put("python", new Technology("python", versions("3.11", "python:3.11-slim", "3.12", "python:3.12-slim",
                "3.13", "python:3.13-slim"), "3.12", Technology.Launch.SCRIPT));
        entries.put("bash", new Technology("bash", versions("5", "bash:5.2"), "5", Technology.Launch.SCRIPT));
        entries.put("java", new Technology("java", versions("17", "eclipse-temurin:17-jre", "21", "eclipse-temurin:21-jre"),
                "21", Technology.Launch.COMMAND));
        entries.put("spark", new Technology("spark", versions("3.5", "apache/spark:3.5.3", "4.0", "apache/spark:4.0.0"), "3.5",
                Technology.Launch.SPARK_SUBMIT));
        entries.put("container", new Technology("container", Map.of(), null, Technology.Launch.IMAGE));
        return new TechnologyCatalog(entries);
    }

    /** Every technology, in name order. */
    public List<Technology> technologies() {
        return List.copyOf(technologies.values());
    }

    /** The catalog with the given technology added or replaced. */
    public TechnologyCatalog with(Technology technology) {
        Map<String, Technology> entries = new TreeMap<>(technologies);
        entries.put(technology.name(), technology);
        return new TechnologyCatalog(entries);
    }

    /**
     * The catalog with overrides from the operator's configuration. An overridden technology keeps how it launches;
     * a new one runs its command and args on its image.
     */
    public TechnologyCatalog withOverrides(Map<String, TechnologyOverride> overrides) {
        TechnologyCatalog catalog = this;
        for (Map.Entry<String, TechnologyOverride> entry : overrides.entrySet()) {
            Technology existing = technologies.get(entry.getKey());
            TechnologyOverride override = entry.getValue();
            Map<String, String> images = override.images() == null ? Map.of() : override.images();
            String defaultVersion = override.defaultVersion() != null ? override.defaultVersion()
                    : existing != null && images.containsKey(existing.defaultVersion()) ? existing.defaultVersion()
                    : images.keySet().stream().sorted().reduce((a, b) -> b).orElse(null);
            catalog = catalog.with(new Technology(entry.getKey(), images, defaultVersion,
                    existing == null ? Technology.Launch.COMMAND : existing.launch()));
        }
        return catalog;
    }

    /**
     * The image for a technology and version; {@code jobImage} wins when set, except for a technology whose pods get
     * an API token (spark), which always runs the catalog's image.
     */
    public Resolution resolve(String technology, String version, String jobImage) {
        Technology entry = technologies.get(technology);
        if (entry == null) {
            return Resolution.problem(new Problem(Reasons.UNKNOWN_TECHNOLOGY, "spec.technology: \"" + technology
                    + "\" is not in the technology catalog;" + Suggestions.didYouMean(technology, technologies.keySet())
                    + " valid technologies: " + String.join(", ", technologies.keySet())));
        }
        if (entry.launch() == Technology.Launch.IMAGE) {
            if (jobImage == null || jobImage.isBlank()) {
                return Resolution.problem(new Problem(Reasons.INVALID_SPEC, "spec.image: required for technology " + technology));
            }
            return new Resolution(entry, version, jobImage, null);
        }
        if (entry.launch() == Technology.Launch.SPARK_SUBMIT && jobImage != null && !jobImage.isBlank()) {
            return Resolution.problem(new Problem(Reasons.INVALID_SPEC, "spec.image: technology " + technology
                    + " runs its pods with an API token, so they run the catalog's image, never the job's own;"
                    + " remove spec.image and choose the image with spec.version"));
        }
        String chosen = version == null ? entry.defaultVersion() : version;
        String image = entry.imagesByVersion().get(chosen);
        if (image == null) {
            Set<String> versions = new TreeMap<>(entry.imagesByVersion()).keySet();
            return Resolution.problem(new Problem(Reasons.UNKNOWN_TECHNOLOGY, "spec.version: \"" + chosen + "\" is not a version of "
                    + technology + ";" + Suggestions.didYouMean(chosen, versions) + " valid versions: " + String.join(", ", versions)));
        }
        return new Resolution(entry, chosen, jobImage == null || jobImage.isBlank() ? image : jobImage, null);
    }

    /** The images of the technologies whose pods get an API token (spark): all that the Spark identity may run. */
    public List<String> sparkImages() {
        return technologies.values().stream().filter(t -> t.launch() == Technology.Launch.SPARK_SUBMIT)
                .flatMap(t -> t.imagesByVersion().values().stream()).distinct().sorted().toList();
    }

    /** The technologies whose jobs run a script (python and bash, built in), in name order. */
    public List<String> scriptTechnologies() {
        return technologies.values().stream().filter(t -> t.launch() == Technology.Launch.SCRIPT).map(Technology::name).toList();
    }

    private static Map<String, String> versions(String... versionAndImage) {
        Map<String, String> result = new LinkedHashMap<>();
        for (int i = 0; i < versionAndImage.length; i += 2) {
            result.put(versionAndImage[i], versionAndImage[i + 1]);
        }
        return result;
    }

    /** A technology, version and image, or the problem that prevented them. */
    public record Resolution(Technology technology, String version, String image, Problem problem) {
        static Resolution problem(Problem problem) {
            return new Resolution(null, null, null, problem);
        }

        public boolean isValid() {
            return problem == null;
        }
    }
}
