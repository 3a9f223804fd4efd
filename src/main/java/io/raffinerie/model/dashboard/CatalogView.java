package io.raffinerie.model.dashboard;

import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataTechnology;
import io.raffinerie.api.v1alpha1.TechnologyVersion;
import io.raffinerie.api.v1alpha1.VersionUsage;
import io.raffinerie.model.LabelSelectors;
import io.raffinerie.model.job.Technology;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The dashboard's catalog page: every technology with its versions, lifecycles and how many jobs use each (the
 * cluster-wide counts of the technology's status), and the jobs the user may read that use it.
 */
public final class CatalogView {
    private CatalogView() {
    }

    public record Page(List<TechnologyRow> technologies) {
    }

    public record TechnologyRow(String name, String displayName, String launch, String defaultVersion, String environments,
            int jobs, List<VersionRow> versions, List<JobRef> visibleJobs) {
    }

    public record VersionRow(String name, String image, String lifecycle, String message, int inUseBy, boolean isDefault) {
    }

    public record JobRef(String namespace, String name, String version) {
    }

    /** {@code visibleJobs}: the jobs of the namespaces the user may read. */
    public static Page of(List<DataTechnology> technologies, List<DataJob> visibleJobs) {
        return new Page(technologies.stream().filter(t -> t.getSpec() != null && t.getSpec().launch != null)
                .sorted(Comparator.comparing(t -> t.getMetadata().getName()))
                .map(t -> row(t, visibleJobs)).toList());
    }

    private static TechnologyRow row(DataTechnology technology, List<DataJob> visibleJobs) {
        String name = technology.getMetadata().getName();
        var spec = technology.getSpec();
        List<VersionUsage> usage = technology.getStatus() == null || technology.getStatus().versions == null ? List.of()
                : technology.getStatus().versions;
        List<VersionRow> versions = (spec.versions == null ? List.<TechnologyVersion>of() : spec.versions).stream()
                .map(v -> new VersionRow(v.name, v.image, Technology.lifecycleOf(v).name(), v.message == null ? "" : v.message,
                        usage.stream().filter(u -> v.name.equals(u.name)).mapToInt(u -> u.inUseBy == null ? 0 : u.inUseBy)
                                .findFirst().orElse(0), v.name.equals(spec.defaultVersion)))
                .toList();
        List<JobRef> jobs = visibleJobs.stream().filter(j -> j.getSpec() != null && name.equals(j.getSpec().technology))
                .map(j -> new JobRef(j.getMetadata().getNamespace(), j.getMetadata().getName(),
                        Objects.requireNonNullElse(j.getSpec().version, Objects.requireNonNullElse(spec.defaultVersion, ""))))
                .sorted(Comparator.comparing(JobRef::namespace).thenComparing(JobRef::name)).toList();
        int total = technology.getStatus() == null || technology.getStatus().jobs == null ? 0 : technology.getStatus().jobs;
        return new TechnologyRow(name, spec.displayName == null ? name : spec.displayName, spec.launch.name(),
                spec.defaultVersion == null ? "" : spec.defaultVersion,
                spec.environments == null ? "every environment" : LabelSelectors.describe(spec.environments), total, versions, jobs);
    }
}
