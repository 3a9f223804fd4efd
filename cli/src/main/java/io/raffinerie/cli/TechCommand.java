package io.raffinerie.cli;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "tech", mixinStandardHelpOptions = true, description = {"Show the technology catalog.", "What jobs may run, with"
        + " their versions. Reads the DataTechnology resources the cluster serves; on a cluster without that kind,"
        + " the operator's built-in catalog (its configuration overrides are not visible from the API)."})
class TechCommand implements Callable<Integer> {
    static final ResourceDefinitionContext DATA_TECHNOLOGY = new ResourceDefinitionContext.Builder().withGroup("raffinerie.io")
            .withVersion("v1alpha1").withKind("DataTechnology").withPlural("datatechnologies").withNamespaced(false).build();

    @Mixin
    KubeOptions kube;

    @Override
    public Integer call() {
        List<GenericKubernetesResource> published;
        try {
            published = kube.client().genericKubernetesResources(DATA_TECHNOLOGY).list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
            published = null;
        }
        if (published == null) {
            System.err.println("this cluster serves no DataTechnology kind: install Raffinerie's CRDs (crds/) and its"
                    + " catalog (operator/technologies.yaml, or the chart's technologies)");
            return ExitCodes.CLUSTER;
        }
        if (!kube.table()) {
            System.out.print(kube.serializeList(published));
            return ExitCodes.SUCCEEDED;
        }
        System.out.print(publishedTable(published, kube.wide()));
        return ExitCodes.SUCCEEDED;
    }

    /** NAME, LAUNCH, DEFAULT, VERSIONS (each with its lifecycle), READY; wide adds the images. */
    @SuppressWarnings("unchecked")
    static String publishedTable(List<GenericKubernetesResource> technologies, boolean wide) {
        Table table = wide ? new Table("NAME", "LAUNCH", "DEFAULT", "VERSIONS", "READY", "IMAGES")
                : new Table("NAME", "LAUNCH", "DEFAULT", "VERSIONS", "READY");
        for (GenericKubernetesResource technology : technologies) {
            Map<String, Object> spec = (Map<String, Object>) technology.getAdditionalProperties().getOrDefault("spec", Map.of());
            Map<String, Object> status = (Map<String, Object>) technology.getAdditionalProperties().getOrDefault("status", Map.of());
            List<Map<String, Object>> versions = (List<Map<String, Object>>) spec.getOrDefault("versions", List.of());
            String ready = ((List<Map<String, Object>>) status.getOrDefault("conditions", List.of())).stream()
                    .filter(c -> "Ready".equals(c.get("type"))).map(c -> String.valueOf(c.get("status"))).findFirst().orElse("");
            String names = String.join(", ", versions.stream().map(v -> v.get("name") + (v.get("lifecycle") == null ? ""
                    : " (" + v.get("lifecycle") + ")")).toList());
            if (wide) {
                table.row(technology.getMetadata().getName(), spec.get("launch"), spec.get("defaultVersion"), names, ready,
                        String.join(", ", versions.stream().map(v -> String.valueOf(v.get("image"))).toList()));
            } else {
                table.row(technology.getMetadata().getName(), spec.get("launch"), spec.get("defaultVersion"), names, ready);
            }
        }
        return table.render();
    }
}
