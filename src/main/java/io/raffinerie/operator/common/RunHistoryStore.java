package io.raffinerie.operator.common;

import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.model.run.RunHistory;

/**
 * The runs as a job's or pipeline's controller caches them: only what their history shows (see
 * {@link RunHistory#historyView}). The run's own controller keeps the whole run in its cache.
 */
public class RunHistoryStore extends LeanItemStore<DataRun> {

    @Override
    public DataRun put(String key, DataRun run) {
        run.setStatus(RunHistory.historyView(run.getStatus()));
        return super.put(key, run);
    }
}
