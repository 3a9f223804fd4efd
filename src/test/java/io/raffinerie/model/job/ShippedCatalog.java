package io.raffinerie.model.job;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.raffinerie.api.v1alpha1.DataTechnology;
import io.raffinerie.api.v1alpha1.DataTechnologySpec;
import io.raffinerie.api.v1alpha1.TechnologyLaunch;
import io.raffinerie.api.v1alpha1.TechnologyVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The catalog the chart ships (operator/technologies.yaml, generated from its values), for tests; and test technologies. */
public final class ShippedCatalog {
    public static final Path FILE = Path.of("operator", "technologies.yaml");
    private static List<DataTechnology> shipped;

    private ShippedCatalog() {
    }

    /** The DataTechnology objects of operator/technologies.yaml. */
    public static synchronized List<DataTechnology> objects() {
        if (shipped == null) {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            try (MappingIterator<DataTechnology> documents = yaml.readerFor(DataTechnology.class).readValues(FILE.toFile())) {
                List<DataTechnology> all = new ArrayList<>();
                documents.forEachRemaining(d -> {
                    if (d != null && d.getSpec() != null) {
                        all.add(d);
                    }
                });
                shipped = List.copyOf(all);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shipped;
    }

    public static TechnologyCatalog get() {
        return TechnologyCatalog.of(objects());
    }

    /** A DataTechnology with the given versions ({@code name=image}, the first is the default). */
    public static DataTechnology technology(String name, TechnologyLaunch launch, String... versions) {
        DataTechnology technology = new DataTechnology();
        technology.getMetadata().setName(name);
        technology.setSpec(new DataTechnologySpec());
        technology.getSpec().launch = launch;
        technology.getSpec().versions = new ArrayList<>(Arrays.stream(versions)
                .map(v -> new TechnologyVersion(v.split("=", 2)[0], v.split("=", 2)[1], null, null)).toList());
        technology.getSpec().defaultVersion = versions.length == 0 ? null : versions[0].split("=", 2)[0];
        if (launch == TechnologyLaunch.Script) {
            technology.getSpec().interpreter = List.of(name);
        }
        return technology;
    }

    public static LabelSelector selector(String key, String value) {
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(java.util.Map.of(key, value));
        return selector;
    }
}
