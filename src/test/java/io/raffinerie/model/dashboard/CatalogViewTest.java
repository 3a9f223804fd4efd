package io.raffinerie.model.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.DataTechnology;
import io.raffinerie.api.v1alpha1.DataTechnologyStatus;
import io.raffinerie.api.v1alpha1.TechnologyLaunch;
import io.raffinerie.api.v1alpha1.TechnologyLifecycle;
import io.raffinerie.api.v1alpha1.VersionUsage;
import io.raffinerie.model.job.ShippedCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogViewTest {
    @Test
    void eachTechnologyShowsItsVersionsLifecyclesCountsAndTheVisibleJobsUsingIt() {
        DataTechnology python = ShippedCatalog.technology("python", TechnologyLaunch.Script, "3.12=python:3.12", "3.11=python:3.11");
        python.getSpec().versions.get(1).lifecycle = TechnologyLifecycle.Deprecated;
        python.getSpec().versions.get(1).message = "use 3.12";
        python.getSpec().environments = ShippedCatalog.selector("tier", "analytics");
        python.setStatus(new DataTechnologyStatus());
        python.getStatus().versions = List.of(new VersionUsage("3.12", 5), new VersionUsage("3.11", 2));
        python.getStatus().jobs = 7;

        CatalogView.Page page = CatalogView.of(List.of(python), List.of(job("sales", "extract", "python", null),
                job("sales", "old", "python", "3.11"), job("sales", "other", "bash", null)));

        assertThat(page.technologies()).singleElement().satisfies(row -> {
            assertThat(row.jobs()).as("the cluster-wide count").isEqualTo(7);
            assertThat(row.environments()).isEqualTo("tier=analytics");
            assertThat(row.versions()).containsExactly(new CatalogView.VersionRow("3.12", "python:3.12", "Stable", "", 5, true),
                    new CatalogView.VersionRow("3.11", "python:3.11", "Deprecated", "use 3.12", 2, false));
            assertThat(row.visibleJobs()).containsExactly(new CatalogView.JobRef("sales", "extract", "3.12"),
                    new CatalogView.JobRef("sales", "old", "3.11"));
        });
    }

    private static DataJob job(String namespace, String name, String technology, String version) {
        DataJob job = new DataJob();
        job.getMetadata().setNamespace(namespace);
        job.getMetadata().setName(name);
        job.setSpec(new DataJobSpec());
        job.getSpec().technology = technology;
        job.getSpec().version = version;
        return job;
    }
}
