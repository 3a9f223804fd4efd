package io.raffinerie.operator.job;

import io.raffinerie.model.job.TechnologyCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The technology catalog jobs are checked against. */
@ApplicationScoped
public class TechnologyCatalogProducer {
    @Produces
    @ApplicationScoped
    TechnologyCatalog catalog() {
        return TechnologyCatalog.builtIn();
    }
}
