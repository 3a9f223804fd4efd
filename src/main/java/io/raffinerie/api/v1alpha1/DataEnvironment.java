package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

@JsonClassDescription("A governed place to work: a namespace with isolation, quotas, access rights and shared variables.")
@Group(Api.GROUP)
@ValidationRule(value = "has(self.spec)", message = "spec is required")
@Version(Api.VERSION)
@ShortNames({"denv", "denvs"})
@Categories(Api.CATEGORY)
@AdditionalPrinterColumn(name = "Namespace", jsonPath = ".status.namespace", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = Api.READY_STATUS, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Reason", jsonPath = Api.READY_REASON, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class DataEnvironment extends CustomResource<DataEnvironmentSpec, DataEnvironmentStatus> {
    @Override
    @JsonPropertyDescription("What the environment governs: its namespace, access, network isolation, quota, container "
            + "defaults, pod scheduling and shared variables.")
    public DataEnvironmentSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("What the operator made of the environment: the namespace it governs and whether "
            + "everything is in place (Ready).")
    public DataEnvironmentStatus getStatus() {
        return super.getStatus();
    }
}
