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

@JsonClassDescription("A DAG of DataJobs with conditions, run on demand or on a schedule.")
@Group(Api.GROUP)
@ValidationRule(value = "has(self.spec)", message = "spec is required")
@Version(Api.VERSION)
@ShortNames({"dpipe", "dpipes"})
@Categories(Api.CATEGORY)
@AdditionalPrinterColumn(name = "Schedule", jsonPath = ".spec.schedule.cron", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = Api.READY_STATUS, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Last run", jsonPath = ".status.lastRun.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Last result", jsonPath = ".status.lastRun.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Steps", jsonPath = ".status.lastRun.steps", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Last success", jsonPath = ".status.lastSuccessTime", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Next schedule", jsonPath = ".status.nextScheduleTime", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Reason", jsonPath = Api.READY_REASON, type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class DataPipeline extends CustomResource<DataPipelineSpec, DataPipelineStatus> implements Namespaced {
    @Override
    @JsonPropertyDescription("The pipeline: its steps (a DAG of DataJobs with conditions), finally steps, parameters, "
            + "failure policy, timeout, schedule, workspace, history and alerts.")
    public DataPipelineSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Written by the operator: whether the pipeline can run (Ready), its last run, its last "
            + "success and its schedule's next time.")
    public DataPipelineStatus getStatus() {
        return super.getStatus();
    }
}
