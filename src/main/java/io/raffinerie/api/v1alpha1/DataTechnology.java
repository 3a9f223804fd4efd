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

@JsonClassDescription("One entry of the technology catalog: what data teams may run, which images, in which environments. Cluster-scoped.")
@Group(Api.GROUP)
@ValidationRule(value = "has(self.spec)", message = "spec is required")
@ValidationRule(value = Patterns.TECHNOLOGY_NAME_RULE, message = Patterns.TECHNOLOGY_NAME_MESSAGE)
@Version(Api.VERSION)
@ShortNames({"dtech", "dtechs"})
@Categories(Api.CATEGORY)
@AdditionalPrinterColumn(name = "Launch", jsonPath = ".spec.launch", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Default", jsonPath = ".spec.defaultVersion", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Jobs", jsonPath = ".status.jobs", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = Api.READY_STATUS, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class DataTechnology extends CustomResource<DataTechnologySpec, DataTechnologyStatus> {
    @Override
    @JsonPropertyDescription("How jobs of the technology start, its versions with their images and lifecycle, "
            + "defaults, and which environments may use it.")
    public DataTechnologySpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Written by the operator: whether the entry is valid (Ready) and how many DataJobs use it "
            + "and each of its versions.")
    public DataTechnologyStatus getStatus() {
        return super.getStatus();
    }
}
