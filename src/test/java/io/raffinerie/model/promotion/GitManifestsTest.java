package io.raffinerie.model.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GitManifestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROD = """
            # prod's jobs
            apiVersion: raffinerie.io/v1alpha1
            kind: DataJob
            metadata:
              name: extract
              namespace: prod
              labels: {team: sales}
            spec:
              technology: bash
              script: echo v1
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: extract}
            data: {a: b}
            """;

    private static PlannedWrite write(String kind, String name, String script) {
        ObjectNode spec = script == null ? null : JSON.createObjectNode().put("technology", "bash").put("script", script);
        return new PlannedWrite(kind, name, 3L, spec, null, null);
    }

    @Test
    void theObjectsDocumentGetsTheSpecAndCauseAndTheRestStays() {
        GitManifests.Change change = GitManifests.apply(Map.of("apps/jobs.yaml", PROD), "apps", "prod",
                List.of(write("DataJob", "extract", "echo v2")), w -> "promoted by go-live");
        assertThat(change.files()).containsOnlyKeys("apps/jobs.yaml");
        String file = change.files().get("apps/jobs.yaml");
        assertThat(file).contains("script: echo v2", "raffinerie.io/change-cause: promoted by go-live", "team: sales",
                "kind: ConfigMap", "---").doesNotContain("echo v1");
    }

    @Test
    void aNewObjectGetsItsOwnFileAndARemovedOneLosesItsDocument() {
        GitManifests.Change added = GitManifests.apply(Map.of("apps/jobs.yaml", PROD), "apps", "prod",
                List.of(write("DataJob", "load", "echo load")), w -> "promoted by go-live");
        assertThat(added.files()).containsOnlyKeys("apps/datajob-load.yaml");
        assertThat(added.files().get("apps/datajob-load.yaml")).contains("apiVersion: raffinerie.io/v1alpha1", "kind: DataJob",
                "name: load", "namespace: prod", "script: echo load");

        GitManifests.Change removed = GitManifests.apply(Map.of("apps/jobs.yaml", PROD, "apps/datajob-load.yaml",
                added.files().get("apps/datajob-load.yaml")), "apps", "prod", List.of(write("DataJob", "extract", null),
                write("DataJob", "load", null)), w -> "rolled back");
        assertThat(removed.files()).containsKeys("apps/jobs.yaml", "apps/datajob-load.yaml");
        assertThat(removed.files().get("apps/datajob-load.yaml")).as("an emptied file is deleted").isNull();
        assertThat(removed.files().get("apps/jobs.yaml")).contains("kind: ConfigMap").doesNotContain("DataJob");
    }

    @Test
    void whatTheFilesAlreadyHoldChangesNothing() {
        GitManifests.Change first = GitManifests.apply(Map.of("apps/jobs.yaml", PROD), "apps", "prod",
                List.of(write("DataJob", "extract", "echo v2")), w -> "promoted by go-live");
        GitManifests.Change again = GitManifests.apply(first.files(), "apps", "prod", List.of(write("DataJob", "extract", "echo v2")),
                w -> "promoted by go-live");
        assertThat(again.isEmpty()).isTrue();
        assertThat(GitManifests.apply(Map.of(), "", "prod", List.of(write("DataJob", "gone", null)), w -> "x").isEmpty()).isTrue();
    }
}
