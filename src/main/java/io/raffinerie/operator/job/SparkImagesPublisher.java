package io.raffinerie.operator.job;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.raffinerie.model.environment.EnvironmentModel;
import io.raffinerie.operator.common.Failures;
import io.raffinerie.operator.common.OperatorSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Writes the Spark images of the technology catalog (the DataTechnology objects) into the ConfigMap
 * raffinerie-spark-images of the operator's namespace: the parameter of the ValidatingAdmissionPolicy
 * raffinerie-spark-pods, which lets the Spark identity run those images and no other. Written whenever a technology
 * changes or goes away (see DataTechnologyReconciler); until it exists, that policy admits no Spark pod.
 */
@ApplicationScoped
public class SparkImagesPublisher {
    public static final String CONFIG_MAP = "raffinerie-spark-images";
    private static final Logger LOG = Logger.getLogger(SparkImagesPublisher.class);

    private final KubernetesClient client;
    private final OperatorSettings settings;

    public SparkImagesPublisher(KubernetesClient client, OperatorSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /**
     * Publishes the images, unless the ConfigMap already says so (read each time, not remembered: a ConfigMap edited or
     * deleted by someone else is put back); false when it could not (logged: retry later). The images are computed
     * under this publisher's lock: the reconciles of several technologies run at once, and one that read the catalog
     * before a deletion must not write after the deletion's.
     */
    public synchronized boolean publish(Supplier<List<String>> images) {
        String value = String.join(",", images.get());
        String namespace = settings.operatorNamespace();
        try {
            if (client.namespaces().withName(namespace).get() == null) {
                LOG.warnf("namespace %s does not exist: the Spark images are not published in ConfigMap %s, so the policy"
                        + " raffinerie-spark-pods admits no Spark pod", namespace, CONFIG_MAP);
                return false;
            }
            ConfigMap desired = new ConfigMapBuilder().withNewMetadata().withName(CONFIG_MAP).withNamespace(namespace)
                    .addToLabels(EnvironmentModel.MANAGED_BY_LABEL, EnvironmentModel.MANAGED_BY).endMetadata()
                    .addToData("images", value).build();
            // A restart with the same catalog writes nothing (the target: no write over converged resources).
            if (!isPublished(client.configMaps().inNamespace(namespace).withName(CONFIG_MAP).get(), desired)) {
                client.resource(desired).fieldManager("raffinerie-operator").forceConflicts().serverSideApply();
            }
            return true;
        } catch (KubernetesClientException e) {
            LOG.warnf("the Spark images could not be published in ConfigMap %s/%s (%s): the policy raffinerie-spark-pods"
                    + " admits only the images published before", namespace, CONFIG_MAP, Failures.describe(e));
            return false;
        }
    }

    /** Whether the ConfigMap already says what {@code desired} says: the same data and the operator's label. */
    static boolean isPublished(ConfigMap current, ConfigMap desired) {
        return current != null && desired.getData().equals(current.getData())
                && current.getMetadata().getLabels() != null
                && EnvironmentModel.MANAGED_BY.equals(current.getMetadata().getLabels().get(EnvironmentModel.MANAGED_BY_LABEL));
    }
}
