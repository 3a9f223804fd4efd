package io.raffinerie.operator.revision;

import io.raffinerie.api.v1alpha1.DataRevision;
import io.raffinerie.operator.common.LeanItemStore;

/**
 * The revisions as the controllers cache them: without their frozen spec, most of a revision and read only when a
 * run pins one (then from the API server). Heap follows the number of revisions, not the size of their scripts.
 */
public class RevisionStore extends LeanItemStore<DataRevision> {
    @Override
    public DataRevision put(String key, DataRevision revision) {
        if (revision.getSpec() != null) {
            revision.getSpec().spec = null;
        }
        return super.put(key, revision);
    }
}
