package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One version of a DataJob's or DataPipeline's spec, frozen: written by the operator on every spec change, never
 * edited, as ControllerRevision backs kubectl rollout history.
 */
@JsonClassDescription("One version of a DataJob's or DataPipeline's spec, frozen and immutable: written by the operator on"
        + " every spec change; runs record and may pin it (spec.revision).")
@Group(Api.GROUP)
@ValidationRule(value = "has(self.spec)", message = "spec is required")
@Version(Api.VERSION)
@ShortNames({"drev", "drevs"})
@Categories(Api.CATEGORY)
@AdditionalPrinterColumn(name = "Kind", jsonPath = ".spec.target.kind", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Target", jsonPath = ".spec.target.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Revision", jsonPath = ".spec.revision", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Created by", jsonPath = ".spec.createdBy", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Change cause", jsonPath = ".spec.changeCause", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Hash", jsonPath = ".spec.contentHash", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class DataRevision extends CustomResource<DataRevisionSpec, DataRevisionStatus> implements Namespaced {
    @Override
    @JsonPropertyDescription("The target, the revision's number and content hash, the frozen spec, the job revisions a"
            + " pipeline pins, the change cause and who changed it. Immutable.")
    public DataRevisionSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Unused: a revision is a record, with nothing to report.")
    public DataRevisionStatus getStatus() {
        return super.getStatus();
    }
}
