package io.raffinerie.model.job;

import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.DataTechnology;
import io.raffinerie.api.v1alpha1.DataTechnologyStatus;
import io.raffinerie.api.v1alpha1.TechnologyLifecycle;
import io.raffinerie.api.v1alpha1.TechnologyVersion;
import io.raffinerie.api.v1alpha1.VersionUsage;
import io.raffinerie.model.Problem;
import io.raffinerie.model.Readiness;
import io.raffinerie.model.Reasons;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** A DataTechnology's status: how many DataJobs use each of its versions, and whether it can be used. */
public final class TechnologyUsage {
    private TechnologyUsage() {
    }

    /**
     * Sets {@code status} from the jobs naming the technology: inUseBy per declared version (a job without a version
     * uses the default; a job on a version the catalog lacks counts in {@code jobs} only), and Ready.
     */
    public static void apply(DataTechnologyStatus status, DataTechnology technology, Collection<DataJobSpec> jobs, Clock clock) {
        List<TechnologyVersion> versions = technology.getSpec() == null || technology.getSpec().versions == null ? List.of()
                : technology.getSpec().versions;
        String defaultVersion = technology.getSpec() == null ? null : technology.getSpec().defaultVersion;
        List<VersionUsage> usage = new ArrayList<>();
        for (TechnologyVersion version : versions) {
            int count = (int) jobs.stream().filter(j -> version.name.equals(j.version == null ? defaultVersion : j.version)).count();
            usage.add(new VersionUsage(version.name, count));
        }
        status.versions = usage;
        status.jobs = jobs.size();
        Optional<Problem> problem = technology.getSpec() == null || technology.getSpec().launch == null
                ? Optional.of(new Problem(Reasons.INVALID_SPEC, "spec.launch: required"))
                : Optional.empty();
        long usable = versions.stream().filter(v -> Technology.lifecycleOf(v) != TechnologyLifecycle.Disabled).count();
        String message = versions.isEmpty() ? "jobs run their own image" : usable + " of " + versions.size()
                + " versions usable, default " + defaultVersion;
        Readiness.apply(status, problem, technology.getMetadata().getGeneration(), Reasons.VALID, message, clock);
    }
}
