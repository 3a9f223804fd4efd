package io.raffinerie.model.alert;

import io.raffinerie.api.v1alpha1.AlertEvent;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.api.v1alpha1.WebhookFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The bodies of alert webhooks, as JSON trees of maps and lists: a generic one, and Slack's incoming-webhook format. */
public final class AlertPayloads {
    /** Slack refuses a section text longer than 3000 characters. */
    static final int SLACK_TEXT_MAX = 3000;
    static final int SLACK_LOG_MAX = 2000;
    static final int SLACK_MESSAGE_MAX = 600;

    private AlertPayloads() {
    }

    /** What an alert is about: the run, its target, and the event. */
    public record Subject(String environment, String namespace, String kind, String name, String run, AlertEvent event,
            DataRunStatus status) {
    }

    public static Map<String, Object> of(WebhookFormat format, Subject subject) {
        return format == WebhookFormat.slack ? slack(subject) : generic(subject);
    }

    public static Map<String, Object> generic(Subject subject) {
        DataRunStatus status = subject.status();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("environment", subject.environment());
        body.put("namespace", subject.namespace());
        body.put("kind", subject.kind());
        body.put("name", subject.name());
        body.put("run", subject.run());
        body.put("event", subject.event().name());
        body.put("phase", status.phase == null ? null : status.phase.name());
        body.put("trigger", status.trigger == null ? null : status.trigger.name());
        body.put("startTime", status.startTime);
        body.put("completionTime", status.completionTime);
        body.put("durationSeconds", duration(status).map(Duration::toSeconds).orElse(null));
        body.put("message", headline(subject));
        body.put("reason", status.message);
        failedStep(status).ifPresent(step -> {
            Map<String, Object> failed = new LinkedHashMap<>();
            failed.put("name", step.name);
            failed.put("message", step.message);
            failed.put("exitCode", step.exitCode);
            failed.put("logTail", step.logTail);
            failed.values().removeIf(v -> v == null);
            body.put("failedStep", failed);
        });
        body.values().removeIf(v -> v == null);
        return body;
    }

    /** Slack's format: a plain-text fallback, and an attachment coloured by outcome that carries Block Kit blocks. */
    public static Map<String, Object> slack(Subject subject) {
        DataRunStatus status = subject.status();
        List<Object> blocks = new ArrayList<>();
        blocks.add(section("*" + escape(headline(subject)) + "*"));
        List<Object> fields = new ArrayList<>();
        fields.add(markdown("*Run*\n" + escape(subject.run())));
        fields.add(markdown("*Environment*\n" + escape(subject.environment())));
        if (status.trigger != null) {
            fields.add(markdown("*Trigger*\n" + status.trigger));
        }
        duration(status).ifPresent(d -> fields.add(markdown("*Duration*\n" + human(d))));
        blocks.add(Map.of("type", "section", "fields", fields));
        if (status.message != null && failedStep(status).isEmpty()) {
            blocks.add(section(escape(status.message)));
        }
        failedStep(status).ifPresent(step -> {
            String text = "*Failed step* " + escape(step.name) + (step.message == null ? ""
                    : ": " + head(escape(step.message), SLACK_MESSAGE_MAX));
            if (step.logTail != null && !step.logTail.isBlank()) {
                text += "\n```" + tail(escape(step.logTail.replace("```", "'''")), SLACK_LOG_MAX) + "```";
            }
            blocks.add(section(text));
        });
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("color", colour(subject.event()));
        attachment.put("blocks", blocks);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", headline(subject));
        body.put("attachments", List.of(attachment));
        return body;
    }

    /** One line for people, fit for a link text or a notification title. */
    public static String headline(Subject subject) {
        String what = subject.kind() + " " + subject.name();
        Optional<String> took = duration(subject.status()).map(AlertPayloads::human);
        String verb = switch (subject.event()) {
            case Started -> "started";
            case Succeeded -> "succeeded" + took.map(t -> " in " + t).orElse("");
            case Failed -> "failed" + took.map(t -> " after " + t).orElse("")
                    + failedStep(subject.status()).filter(s -> !subject.kind().equals("DataJob")).map(s -> " at step " + s.name)
                            .orElse("");
            case TimedOut -> "timed out" + took.map(t -> " after " + t).orElse("");
            case Recovered -> "recovered: succeeded after a failed run" + took.map(t -> ", in " + t).orElse("");
        };
        return what + " " + verb + " (run " + subject.run() + " in " + subject.environment() + ")";
    }

    /** The first failed step, the one that explains the run's failure. */
    static Optional<StepStatus> failedStep(DataRunStatus status) {
        return status.steps == null ? Optional.empty()
                : status.steps.stream().filter(s -> s.phase == StepPhase.Failed).findFirst();
    }

    static Optional<Duration> duration(DataRunStatus status) {
        if (status.startTime == null || status.completionTime == null) {
            return Optional.empty();
        }
        try {
            Duration took = Duration.between(Instant.parse(status.startTime), Instant.parse(status.completionTime));
            return took.isNegative() ? Optional.empty() : Optional.of(took);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static String human(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m " + seconds % 60 + "s";
        }
        return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
    }

    private static String colour(AlertEvent event) {
        return switch (event) {
            case Started -> "#439FE0";
            case Succeeded, Recovered -> "good";
            case TimedOut -> "warning";
            case Failed -> "danger";
        };
    }

    private static Map<String, Object> section(String text) {
        return Map.of("type", "section", "text", markdown(tail(text, SLACK_TEXT_MAX)));
    }

    private static Map<String, Object> markdown(String text) {
        return Map.of("type", "mrkdwn", "text", text);
    }

    /** Slack's mrkdwn reads &, < and > as markup: user text must escape them. */
    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String head(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** The end of a text within a length; log tails keep their last lines. */
    static String tail(String text, int max) {
        return text.length() <= max ? text : "…" + text.substring(text.length() - max + 1);
    }
}
