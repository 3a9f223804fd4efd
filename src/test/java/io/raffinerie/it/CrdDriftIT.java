package io.raffinerie.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fails when crds/ differs from what the build generates. `make crds` (-Draffinerie.update-crds=true) rewrites
 * crds/ instead, and the Helm chart's copy with it.
 */
class CrdDriftIT {

    @ParameterizedTest
    @MethodSource("io.raffinerie.it.CrdFiles#kinds")
    void committedCrdMatchesTheGeneratedOne(Class<?> kind) throws IOException {
        String expected = CrdFiles.expected(kind);
        Path committed = CrdFiles.COMMITTED.resolve(CrdFiles.fileName(kind));
        if (Boolean.getBoolean("raffinerie.update-crds")) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, expected);
        }
        assertThat(committed).as("run `make crds` and commit crds/").exists();
        assertThat(Files.readString(committed)).as("crds/ is stale: run `make crds` and commit it").isEqualTo(expected);
    }
}
