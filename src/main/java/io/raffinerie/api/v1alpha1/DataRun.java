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

@JsonClassDescription("One execution of a job or a pipeline.")
@Group(Api.GROUP)
@ValidationRule(value = "has(self.spec)", message = "spec is required")
@Version(Api.VERSION)
@ShortNames({"drun", "druns"})
@Categories(Api.CATEGORY)
@AdditionalPrinterColumn(name = "Job", jsonPath = ".spec.jobRef", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Pipeline", jsonPath = ".spec.pipelineRef", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = Api.READY_STATUS, type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Steps", jsonPath = ".status.progress", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.reason", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Trigger", jsonPath = ".status.trigger", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Started", jsonPath = ".status.startTime", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Ready Reason", jsonPath = Api.READY_REASON, type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class DataRun extends CustomResource<DataRunSpec, DataRunStatus> implements Namespaced {
    @Override
    @JsonPropertyDescription("What to run, a job (jobRef) or a pipeline (pipelineRef), with which parameters; cancel "
            + "stops it, retryOf reruns a failed run's steps.")
    public DataRunSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Written by the operator: the run's phase, times, trigger, parameters, each step's "
            + "outcome, and the reason and message when it did not succeed.")
    public DataRunStatus getStatus() {
        return super.getStatus();
    }
}
