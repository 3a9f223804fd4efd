package io.raffinerie.operator.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.raffinerie.model.job.TechnologyCatalog;
import io.raffinerie.model.job.TechnologyOverride;
import io.raffinerie.operator.common.OperatorSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Map;

/** The technology catalog jobs are checked against: the built-in one, with the operator's overrides. */
@ApplicationScoped
public class TechnologyCatalogProducer {
    @Produces
    @ApplicationScoped
    TechnologyCatalog catalog(OperatorSettings settings) {
        try {
            Map<String, TechnologyOverride> overrides = new ObjectMapper().readValue(settings.technologies(),
                    new TypeReference<Map<String, TechnologyOverride>>() { });
            return TechnologyCatalog.builtIn().withOverrides(overrides);
        } catch (JsonProcessingException e) {
            // A broken setting must stop the operator at start, with a message that names it.
            throw new IllegalArgumentException("raffinerie.technologies (RAFFINERIE_TECHNOLOGIES) is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }
}
