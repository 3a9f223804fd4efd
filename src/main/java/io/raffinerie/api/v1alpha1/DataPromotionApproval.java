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

@JsonClassDescription("One person's approval or rejection of a DataPromotion; who made it is checked at admission"
        + " against the API server's userInfo, and the promotion counts it when the target environment says that"
        + " person may approve.")
@Group(Api.GROUP)
@ValidationRule(value = "has(self.spec)", message = "spec is required")
@Version(Api.VERSION)
@ShortNames({"dapproval", "dapprovals"})
@Categories(Api.CATEGORY)
@AdditionalPrinterColumn(name = "Promotion", jsonPath = ".spec.promotion", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Decision", jsonPath = ".spec.decision", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "User", jsonPath = ".spec.user", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class DataPromotionApproval extends CustomResource<DataPromotionApprovalSpec, DataPromotionApprovalStatus>
        implements Namespaced {
    @Override
    @JsonPropertyDescription("The promotion, the decision, who made it and under which groups. Immutable.")
    public DataPromotionApprovalSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Unused: the promotion's status says whether the approval counted.")
    public DataPromotionApprovalStatus getStatus() {
        return super.getStatus();
    }
}
