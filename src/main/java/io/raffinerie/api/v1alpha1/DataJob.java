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

@JsonClassDescription("A unit of work in one technology, run on demand or on a schedule.")
@Group(Api.GROUP)
@ValidationRule(value = "has(self.spec)", message = "spec is required")
@Version(Api.VERSION)
@ShortNames({"djob", "djobs"})
@Categories(Api.CATEGORY)
@AdditionalPrinterColumn(name = "Technology", jsonPath = ".spec.technology", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Schedule", jsonPath = ".spec.schedule.cron", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = Api.READY_STATUS, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Last run", jsonPath = ".status.lastRun.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Last result", jsonPath = ".status.lastRun.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Last success", jsonPath = ".status.lastSuccessTime", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Next schedule", jsonPath = ".status.nextScheduleTime", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Reason", jsonPath = Api.READY_REASON, type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class DataJob extends CustomResource<DataJobSpec, DataJobStatus> implements Namespaced {
    @Override
    @JsonPropertyDescription("What the job runs and how: technology, code, parameters, variables, resources, retries, "
            + "timeout, schedule, history and alerts.")
    public DataJobSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Written by the operator: whether the job can run (Ready), its last run, its last success "
            + "and its schedule's next time.")
    public DataJobStatus getStatus() {
        return super.getStatus();
    }
}
