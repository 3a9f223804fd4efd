package io.raffinerie.model.job;

import java.util.Map;

/** An operator setting that replaces a technology's images and default version, or adds a technology. */
public record TechnologyOverride(String defaultVersion, Map<String, String> images) {
}
