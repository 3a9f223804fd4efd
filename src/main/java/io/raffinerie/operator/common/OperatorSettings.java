package io.raffinerie.operator.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Operator settings, from application.properties or RAFFINERIE_* environment variables. */
@ConfigMapping(prefix = "raffinerie")
public interface OperatorSettings {
    /** The namespace the operator runs in; no environment may claim it. */
    @WithDefault("raffinerie-system")
    String operatorNamespace();
}
