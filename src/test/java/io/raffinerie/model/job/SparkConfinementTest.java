package io.raffinerie.model.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataEnvironmentSpec;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.SparkSpec;
import io.raffinerie.model.Problem;
import io.raffinerie.model.environment.ApiServerEndpoints;
import io.raffinerie.model.environment.EnvironmentObjects;
import io.raffinerie.model.environment.SparkEnvironmentObjects;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 18: a spark job's code holds a token that may create pods; what it runs and sets stays the operator's. */
class SparkConfinementTest {
    private final TechnologyCatalog catalog = ShippedCatalog.get();

    private static DataJob spark(String image, Map<String, String> conf) {
        DataJob job = new DataJob();
        job.getMetadata().setName("pi");
        job.getMetadata().setNamespace("sales");
        job.setSpec(new DataJobSpec());
        job.getSpec().technology = "spark";
        job.getSpec().image = image;
        job.getSpec().spark = new SparkSpec();
        job.getSpec().spark.sparkConf = conf;
        return job;
    }

    @Test
    void aSparkJobCannotChooseItsImageButOtherTechnologiesStillMay() {
        TechnologyCatalog.Resolution own = catalog.resolve("spark", null, "ghcr.io/eve/spark:evil");
        assertThat(own.isValid()).isFalse();
        assertThat(own.problem().message()).startsWith("spec.image: technology spark runs its pods with an API token");
        assertThat(JobValidation.validate(spark("ghcr.io/eve/spark:evil", null).getSpec(), catalog)).map(Problem::message)
                .hasValueSatisfying(m -> assertThat(m).startsWith("spec.image:"));
        assertThat(catalog.resolve("spark", "4.0", null).image()).isEqualTo("apache/spark:4.0.0");
        assertThat(catalog.resolve("python", null, "ghcr.io/acme/python:3.12").image()).as("no token, so the image is the job's")
                .isEqualTo("ghcr.io/acme/python:3.12");
    }

    @Test
    void theOperatorsSparkSettingsCannotBeOverriddenAndTheRefusalNamesTheKey() {
        Optional<Problem> problem = JobValidation.validate(spark(null, Map.of("spark.eventLog.enabled", "false",
                "spark.kubernetes.authenticate.driver.serviceAccountName", "default")).getSpec(), catalog);
        assertThat(problem).map(Problem::message).hasValueSatisfying(m -> assertThat(m)
                .startsWith("spec.spark.sparkConf: \"spark.kubernetes.authenticate.driver.serviceAccountName\" is set by the operator"));
        for (String key : List.of("spark.kubernetes.driver.volumes.hostPath.root.mount.path", "spark.kubernetes.container.image",
                "spark.master", "spark.submit.deployMode")) {
            assertThat(JobValidation.validate(spark(null, Map.of(key, "x")).getSpec(), catalog)).as(key).isPresent();
        }
        assertThat(JobValidation.validate(spark(null, Map.of("spark.sql.shuffle.partitions", "8")).getSpec(), catalog)).isEmpty();
    }

    @Test
    void evenPastValidationTheOperatorsSettingsWin() {
        List<String> args = Launch.sparkSubmitArgs(spark(null, Map.of("spark.kubernetes.namespace", "kube-system",
                "spark.kubernetes.container.image", "ghcr.io/eve/spark:evil", "spark.sql.shuffle.partitions", "8")), "apache/spark:3.5.3");
        assertThat(args).contains("spark.kubernetes.namespace=sales", "spark.kubernetes.container.image=apache/spark:3.5.3",
                "spark.sql.shuffle.partitions=8").doesNotContain("spark.kubernetes.namespace=kube-system")
                .noneMatch(a -> a.contains("ghcr.io/eve"));
    }

    @Test
    void theSparkImagesAreThoseOfTheCatalogsSparkEntries() {
        assertThat(catalog.sparkImages()).containsExactly("apache/spark:3.5.3", "apache/spark:4.0.0", "apache/spark:4.3.0");
        TechnologyCatalog mirrored = catalog.with(Technology.of(ShippedCatalog.technology("spark",
                io.raffinerie.api.v1alpha1.TechnologyLaunch.SparkSubmit, "3.5=registry.local/spark:3.5.3")));
        assertThat(mirrored.sparkImages()).containsExactly("registry.local/spark:3.5.3");
    }

    @Test
    void sparkPodsReachOnlyTheApiServersRealEndpoints() {
        DataEnvironment environment = new DataEnvironment();
        environment.getMetadata().setName("sales");
        environment.setSpec(new DataEnvironmentSpec());
        ApiServerEndpoints endpoints = ApiServerEndpoints.of(new EndpointSliceBuilder().withNewMetadata().withName("kubernetes")
                .withNamespace("default").endMetadata().withAddressType("IPv4")
                .addNewEndpoint().withAddresses("172.18.0.2").endEndpoint()
                .addNewEndpoint().withAddresses("172.18.0.3").endEndpoint()
                .addNewPort().withName("https").withPort(6443).withProtocol("TCP").endPort().build());
        NetworkPolicy policy = SparkEnvironmentObjects.sparkApiPolicy(environment, endpoints);
        assertThat(policy.getSpec().getEgress()).singleElement().satisfies(rule -> {
            assertThat(rule.getTo()).extracting(p -> p.getIpBlock().getCidr()).containsExactly("172.18.0.2/32", "172.18.0.3/32");
            assertThat(rule.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(6443);
        });
        assertThat(SparkEnvironmentObjects.sparkApiPolicy(environment, ApiServerEndpoints.of(null)).getSpec().getEgress())
                .as("endpoints unknown: no egress at all, never any address").isNullOrEmpty();
        assertThat(ApiServerEndpoints.of(new EndpointSliceBuilder().addNewEndpoint().withAddresses("fd00::1").endEndpoint()
                .addNewPort().withPort(443).endPort().build()).cidrs()).containsExactly("fd00::1/128");
    }
}
