package io.raffinerie.model.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raffinerie.api.v1alpha1.PreservedField;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class PreservedFieldsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theTargetKeepsItsScheduleEnvAndParameterDefaultsAndTakesTheScript() throws Exception {
        JsonNode source = JSON.readTree("""
                {"script": "echo v2", "schedule": {"cron": "*/5 * * * *"}, "env": [{"name": "DB", "value": "dev"}],
                 "parameters": [{"name": "DAY", "default": "today"}, {"name": "NEW", "default": "x"}]}""");
        JsonNode target = JSON.readTree("""
                {"script": "echo v1", "schedule": {"cron": "0 2 * * *"}, "env": [{"name": "DB", "value": "prod"}],
                 "parameters": [{"name": "DAY", "default": "yesterday"}]}""");
        ObjectNode desired = PreservedFields.apply(source, target, EnumSet.of(PreservedField.schedule, PreservedField.variables));
        assertThat(desired.get("script").asText()).isEqualTo("echo v2");
        assertThat(desired.get("schedule")).isEqualTo(target.get("schedule"));
        assertThat(desired.get("env")).isEqualTo(target.get("env"));
        assertThat(desired.at("/parameters/0/default").asText()).isEqualTo("yesterday");
        assertThat(desired.at("/parameters/1/default").asText()).isEqualTo("x");
    }

    @Test
    void suspendAloneKeepsTheTargetsSuspensionOfTheSourcesSchedule() throws Exception {
        JsonNode source = JSON.readTree("{\"schedule\": {\"cron\": \"*/5 * * * *\"}}");
        JsonNode target = JSON.readTree("{\"schedule\": {\"cron\": \"0 2 * * *\", \"suspend\": true}}");
        ObjectNode desired = PreservedFields.apply(source, target, EnumSet.of(PreservedField.suspend));
        assertThat(desired.get("schedule").toString()).isEqualTo("{\"cron\":\"*/5 * * * *\",\"suspend\":true}");
    }

    @Test
    void aNewObjectIsTheSourceAndNothingIsKeptWithoutAsking() throws Exception {
        JsonNode source = JSON.readTree("{\"script\": \"echo v2\", \"resources\": {\"limits\": {\"cpu\": \"1\"}}}");
        JsonNode target = JSON.readTree("{\"script\": \"echo v1\", \"resources\": {\"limits\": {\"cpu\": \"4\"}}}");
        assertThat(PreservedFields.apply(source, null, EnumSet.allOf(PreservedField.class))).isEqualTo(source);
        assertThat(PreservedFields.apply(source, target, EnumSet.noneOf(PreservedField.class))).isEqualTo(source);
        assertThat(PreservedFields.apply(source, target, EnumSet.of(PreservedField.resources)).get("resources"))
                .isEqualTo(target.get("resources"));
    }

    @Test
    void theDiffNamesTheChangedFields() throws Exception {
        JsonNode before = JSON.readTree("{\"script\": \"echo v1\", \"retries\": 2, \"timeout\": \"1h\"}");
        JsonNode after = JSON.readTree("{\"script\": \"echo v2\", \"retries\": 2}");
        assertThat(SpecDiff.describe("DataJob", "clean", before, after)).isEqualTo("DataJob clean: script, timeout changed");
        assertThat(SpecDiff.describe("DataJob", "clean", null, after)).isEqualTo("DataJob clean: new");
        assertThat(SpecDiff.describe("DataJob", "clean", after, after)).isEqualTo("DataJob clean: unchanged");
    }
}
