package io.raffinerie.it;

import static io.raffinerie.it.PromotionIT.DEV;
import static io.raffinerie.it.PromotionIT.PAUL;
import static io.raffinerie.it.PromotionIT.PROD;

import io.fabric8.kubernetes.api.model.Condition;
import io.raffinerie.api.v1alpha1.ApprovalDecision;
import io.raffinerie.api.v1alpha1.DataPromotion;
import io.raffinerie.api.v1alpha1.DataPromotionApproval;
import io.raffinerie.api.v1alpha1.DataPromotionApprovalSpec;
import io.raffinerie.api.v1alpha1.DataPromotionSpec;
import io.raffinerie.api.v1alpha1.PromotionSource;
import io.raffinerie.model.Conditions;

/** PromotionIT's promotions, approvals and manifests. */
final class PromotionFixtures {
    private PromotionFixtures() {
    }

    static String jobYaml(String namespace, String name, String script, String warehouse) {
        return """
                apiVersion: raffinerie.io/v1alpha1
                kind: DataJob
                metadata: {name: %s, namespace: %s}
                spec:
                  technology: bash
                  script: '%s'
                """.formatted(name, namespace, script) + (warehouse == null ? "" : "  env: [{name: WAREHOUSE, value: " + warehouse + "}]\n");
    }

    static String pipelineYaml(String namespace, String cron, String... steps) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: raffinerie.io/v1alpha1
                kind: DataPipeline
                metadata: {name: daily, namespace: %s}
                spec:
                  schedule: {cron: "%s"}
                  parameters: [{name: day}]
                  steps:
                """.formatted(namespace, cron));
        String previous = null;
        for (String step : steps) {
            yaml.append("    - {name: ").append(step).append(", jobRef: ").append(step)
                    .append(previous == null ? "" : ", dependsOn: [" + previous + "]").append("}\n");
            previous = step;
        }
        return yaml.toString();
    }

    static DataPromotion promotion(String name, String requestedBy, String kind, String target) {
        return promotion(name, requestedBy, kind, target, DEV, null);
    }

    static DataPromotion promotion(String name, String requestedBy, String kind, String target, String environment,
            Long revision) {
        DataPromotion promotion = new DataPromotion();
        promotion.getMetadata().setName(name);
        promotion.getMetadata().setNamespace(PROD);
        promotion.setSpec(new DataPromotionSpec());
        promotion.getSpec().source = new PromotionSource();
        promotion.getSpec().source.environment = environment;
        promotion.getSpec().source.kind = kind;
        promotion.getSpec().source.name = target;
        promotion.getSpec().source.revision = revision;
        promotion.getSpec().reason = "the December release";
        promotion.getSpec().requestedBy = requestedBy;
        return promotion;
    }

    static DataPromotion rollback(String name, String undone) {
        DataPromotion promotion = promotion(name, PAUL, null, null);
        promotion.getSpec().source = null;
        promotion.getSpec().rollbackOf = undone;
        return promotion;
    }

    static DataPromotionApproval approval(String name, String promotion, String user, String decision) {
        DataPromotionApproval approval = new DataPromotionApproval();
        approval.getMetadata().setName(name);
        approval.getMetadata().setNamespace(PROD);
        approval.setSpec(new DataPromotionApprovalSpec());
        approval.getSpec().promotion = promotion;
        approval.getSpec().user = user;
        approval.getSpec().decision = ApprovalDecision.valueOf(decision);
        return approval;
    }

    static Condition ready(DataPromotion promotion) {
        return promotion == null || promotion.getStatus() == null ? null
                : Conditions.find(promotion.getStatus().conditions, Conditions.READY).orElse(null);
    }

}
