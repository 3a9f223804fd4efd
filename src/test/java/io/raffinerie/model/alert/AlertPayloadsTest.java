package io.raffinerie.model.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.raffinerie.api.v1alpha1.AlertEvent;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.Trigger;
import io.raffinerie.api.v1alpha1.WebhookFormat;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertPayloadsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static AlertPayloads.Subject failedPipeline(String logTail) {
        DataRunStatus status = AlertTriggersTest.status(RunPhase.Failed, "step extract failed: BackoffLimitExceeded",
                StepPhase.Failed, "BackoffLimitExceeded; last attempt exited with code 3");
        status.trigger = Trigger.Schedule;
        status.startTime = "2026-11-28T01:00:00Z";
        status.completionTime = "2026-11-28T01:02:13Z";
        status.steps.get(0).exitCode = 3;
        status.steps.get(0).logTail = logTail;
        return new AlertPayloads.Subject("sales-dev", "sales-dev", "DataPipeline", "daily-sales", "daily-sales-7xk2p",
                AlertEvent.Failed, status);
    }

    @Test
    void genericPayloadSaysWhatRanWhereWhenAndWhichStepFailedWithItsLog() {
        JsonNode body = JSON.valueToTree(AlertPayloads.of(WebhookFormat.generic, failedPipeline("Traceback\nValueError: bad row")));
        assertThat(body.path("environment").asText()).isEqualTo("sales-dev");
        assertThat(body.path("namespace").asText()).isEqualTo("sales-dev");
        assertThat(body.path("kind").asText()).isEqualTo("DataPipeline");
        assertThat(body.path("name").asText()).isEqualTo("daily-sales");
        assertThat(body.path("run").asText()).isEqualTo("daily-sales-7xk2p");
        assertThat(body.path("event").asText()).isEqualTo("Failed");
        assertThat(body.path("phase").asText()).isEqualTo("Failed");
        assertThat(body.path("trigger").asText()).isEqualTo("Schedule");
        assertThat(body.path("startTime").asText()).isEqualTo("2026-11-28T01:00:00Z");
        assertThat(body.path("completionTime").asText()).isEqualTo("2026-11-28T01:02:13Z");
        assertThat(body.path("durationSeconds").asLong()).isEqualTo(133);
        assertThat(body.path("message").asText())
                .isEqualTo("DataPipeline daily-sales failed after 2m 13s at step extract (run daily-sales-7xk2p in sales-dev)");
        assertThat(body.path("reason").asText()).isEqualTo("step extract failed: BackoffLimitExceeded");
        assertThat(body.path("failedStep").path("name").asText()).isEqualTo("extract");
        assertThat(body.path("failedStep").path("exitCode").asInt()).isEqualTo(3);
        assertThat(body.path("failedStep").path("logTail").asText()).endsWith("ValueError: bad row");
    }

    @Test
    void genericPayloadOfAStartedRunLeavesOutWhatIsNotKnownYet() {
        DataRunStatus running = AlertTriggersTest.status(RunPhase.Running, null, StepPhase.Running, null);
        Map<String, Object> body = AlertPayloads.generic(new AlertPayloads.Subject("prod", "sales", "DataJob", "extract",
                "extract-1", AlertEvent.Started, running));
        assertThat(body).doesNotContainKeys("completionTime", "durationSeconds", "failedStep", "reason")
                .containsEntry("message", "DataJob extract started (run extract-1 in prod)");
        assertThat(body.values()).doesNotContainNull();
    }

    @Test
    void slackPayloadHasAFallbackTextAndAColouredAttachmentOfValidBlocks() {
        String log = "x".repeat(20_000) + "\n<b>&```end";
        JsonNode body = JSON.valueToTree(AlertPayloads.of(WebhookFormat.slack, failedPipeline(log)));
        assertThat(body.path("text").asText()).startsWith("DataPipeline daily-sales failed");
        JsonNode attachment = body.path("attachments").get(0);
        assertThat(attachment.path("color").asText()).isEqualTo("danger");
        JsonNode blocks = attachment.path("blocks");
        assertThat(blocks.size()).isBetween(2, 50);
        for (JsonNode block : blocks) {
            assertThat(block.path("type").asText()).isEqualTo("section");
            if (block.has("text")) {
                assertThat(block.path("text").path("type").asText()).isEqualTo("mrkdwn");
                assertThat(block.path("text").path("text").asText().length()).isBetween(1, AlertPayloads.SLACK_TEXT_MAX);
            }
            if (block.has("fields")) {
                assertThat(block.path("fields").size()).isBetween(1, 10);
                block.path("fields").forEach(f -> assertThat(f.path("text").asText().length()).isBetween(1, 2000));
            }
        }
        String failedStep = blocks.get(blocks.size() - 1).path("text").path("text").asText();
        assertThat(failedStep).startsWith("*Failed step* extract: BackoffLimitExceeded")
                .endsWith("\n&lt;b&gt;&amp;'''end```");
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(AlertPayloads.human(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(AlertPayloads.human(Duration.ofSeconds(133))).isEqualTo("2m 13s");
        assertThat(AlertPayloads.human(Duration.ofMinutes(125))).isEqualTo("2h 5m");
    }
}
