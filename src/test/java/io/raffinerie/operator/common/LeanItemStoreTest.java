package io.raffinerie.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class LeanItemStoreTest {

    @Test
    void cachesObjectsWithoutManagedFieldsNorLastAppliedConfiguration() {
        LeanItemStore<Pod> store = new LeanItemStore<>();
        Pod pod = new PodBuilder().withNewMetadata().withName("p").withNamespace("ns")
                .addToAnnotations(LeanItemStore.LAST_APPLIED, "{\"a\":1}").addToAnnotations("kept", "yes")
                .addToManagedFields(new ManagedFieldsEntryBuilder().withManager("kubectl").withOperation("Apply").build())
                .endMetadata().build();

        store.put(store.getKey(pod), pod);

        Pod cached = store.get("ns/p");
        assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(cached.getMetadata().getAnnotations()).containsExactly(java.util.Map.entry("kept", "yes"));
    }
}
