package io.raffinerie.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The complete resources (apiVersion, kind and metadata) the documentation shows: every ```yaml block of README.md and
 * docs/*.md, and every YAML here-document (<<'YAML' ... YAML) of a ```bash block, such as the README's tour. A block
 * right after the line {@code <!-- invalid: MESSAGE -->} shows something the API server refuses with a message that
 * contains MESSAGE (a plain {@code <!-- invalid -->} with any message); one after
 * {@code <!-- not applied: why -->} is no Kubernetes resource of a cluster (a krew manifest).
 */
public final class DocExamples {
    private static final Pattern INVALID_MARKER = Pattern.compile("<!-- invalid(?:: (.+))? -->");
    private static final Pattern NOT_APPLIED = Pattern.compile("<!-- not applied: .+ -->");
    private static final Pattern FENCE = Pattern.compile("^(\\s*)```(\\w*)\\s*$");
    private static final Pattern HEREDOC = Pattern.compile("<<-?'?YAML'?\\s*$");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One block: where it is, whether it is meant to be refused, and the resources in it. */
    public record Block(Path file, int line, boolean invalid, String expected, List<GenericKubernetesResource> resources) {
        @Override
        public String toString() {
            return file + ":" + line + (invalid ? " (invalid)" : "");
        }
    }

    private DocExamples() {
    }

    /** The files the documentation is made of. */
    static List<Path> files() {
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Every block of the documentation with at least one complete resource. */
    public static List<Block> all() {
        List<Block> blocks = new ArrayList<>();
        for (Path file : files()) {
            try {
                blocks.addAll(blocks(file, Files.readAllLines(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return blocks;
    }

    /** The blocks of one Markdown file with at least one complete resource; line numbers count from 1. */
    static List<Block> blocks(Path file, List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches() || fence.group(2).isEmpty()) {
                continue;
            }
            String marker = i > 0 ? lines.get(i - 1).trim() : "";
            int start = i;
            List<String> body = new ArrayList<>();
            for (i++; i < lines.size() && !lines.get(i).trim().equals("```"); i++) {
                body.add(lines.get(i).length() >= fence.group(1).length() ? lines.get(i).substring(fence.group(1).length()) : "");
            }
            if (NOT_APPLIED.matcher(marker).matches()) {
                continue;
            }
            Matcher invalid = INVALID_MARKER.matcher(marker);
            String expected = invalid.matches() ? (invalid.group(1) == null ? "" : invalid.group(1)) : null;
            switch (fence.group(2)) {
                case "yaml", "yml" -> add(blocks, file, start + 1, expected, String.join("\n", body));
                case "bash", "sh", "shell" -> hereDocuments(blocks, file, start + 1, expected, body);
                default -> {
                }
            }
        }
        return blocks;
    }

    private static void hereDocuments(List<Block> blocks, Path file, int fenceLine, String expected, List<String> body) {
        for (int j = 0; j < body.size(); j++) {
            if (HEREDOC.matcher(body.get(j)).find()) {
                int start = j;
                List<String> document = new ArrayList<>();
                for (j++; j < body.size() && !body.get(j).trim().equals("YAML"); j++) {
                    document.add(body.get(j));
                }
                add(blocks, file, fenceLine + start + 1, expected, String.join("\n", document));
            }
        }
    }

    /** A document; one that is no YAML fails only when it looks like a resource (a fragment may elide with "..."). */
    private static JsonNode parse(String document, Path file, int line) {
        try {
            JsonNode parsed = YAML.readTree(document);
            return parsed == null ? YAML.missingNode() : parsed;
        } catch (IOException e) {
            if (document.contains("apiVersion:")) {
                throw new IllegalArgumentException(file + ":" + line + ": not YAML: " + e.getMessage(), e);
            }
            return YAML.missingNode();
        }
    }

    /** expected: null for a valid block, else what the refusal must contain. */
    private static void add(List<Block> blocks, Path file, int line, String expected, String yaml) {
        List<GenericKubernetesResource> resources = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            JsonNode parsed = parse(document, file, line);
            if (parsed.has("apiVersion") && parsed.has("kind") && parsed.has("metadata")) {
                resources.add(SERIALIZATION.convertValue(parsed, GenericKubernetesResource.class));
            }
        }
        if (!resources.isEmpty()) {
            blocks.add(new Block(file, line, expected != null, expected, resources));
        }
    }
}
