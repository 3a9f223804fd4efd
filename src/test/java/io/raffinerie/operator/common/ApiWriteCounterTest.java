package io.raffinerie.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiWriteCounterTest {
    @ParameterizedTest
    @CsvSource({
        "/api/v1/namespaces/sales-dev/configmaps/raffinerie-variables, configmaps",
        "/api/v1/namespaces/sales-dev/configmaps, configmaps",
        "/api/v1/namespaces/sales-dev, namespaces",
        "/api/v1/namespaces, namespaces",
        "/apis/raffinerie.io/v1alpha1/namespaces/sales-dev/dataruns/daily-8f2kq/status, dataruns/status",
        "/apis/raffinerie.io/v1alpha1/dataenvironments/sales-dev/status, dataenvironments/status",
        "/apis/batch/v1/namespaces/sales-dev/jobs, jobs",
        "/apis/rbac.authorization.k8s.io/v1/namespaces/sales-dev/rolebindings/raffinerie-viewer-0, rolebindings"})
    void resourceLabelNamesTheTypeNotTheObject(String path, String expected) {
        assertThat(ApiWriteCounter.resourceOf(path)).isEqualTo(expected);
    }
}
