package io.raffinerie.model.promotion;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.raffinerie.api.v1alpha1.Api;
import io.raffinerie.model.revision.Revisions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * The manifest files a promotion into a GitOps-managed environment commits: in the YAML files of the environment's
 * directory, the document of each promoted object (same kind and name, and namespace when it names one) gets the
 * promoted spec and change cause, and the other documents are left as they were (re-serialised: comments go); an
 * object no file holds is written to {@code <kind>-<name>.yaml}; an object a rollback removes loses its document,
 * and a file left empty is deleted.
 */
public final class GitManifests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** What changes: each file's new content, or null when it is deleted. Paths are relative to the repository. */
    public record Change(Map<String, String> files) {
        public boolean isEmpty() {
            return files.isEmpty();
        }
    }

    private GitManifests() {
    }

    /** {@code existing}: the YAML files under {@code directory}, by path relative to the repository. */
    public static Change apply(Map<String, String> existing, String directory, String namespace, List<PlannedWrite> writes,
            Function<PlannedWrite, String> changeCause) {
        Map<String, List<Object>> documents = new TreeMap<>();
        existing.forEach((path, content) -> documents.put(path, load(content)));
        Map<String, List<Object>> touched = new TreeMap<>();
        for (PlannedWrite write : writes) {
            String path = find(documents, write.kind(), write.name(), namespace);
            if (path == null && write.desired() == null) {
                continue;
            }
            if (path == null) {
                path = (directory.isEmpty() ? "" : directory + "/") + write.kind().toLowerCase(Locale.ROOT) + "-" + write.name() + ".yaml";
                documents.put(path, new ArrayList<>());
            }
            List<Object> docs = new ArrayList<>(documents.get(path));
            int index = indexOf(docs, write.kind(), write.name(), namespace);
            if (write.desired() == null) {
                docs.remove(index);
            } else if (index < 0) {
                docs.add(manifest(write, namespace, changeCause.apply(write), null));
            } else {
                docs.set(index, manifest(write, namespace, changeCause.apply(write), asMap(docs.get(index))));
            }
            documents.put(path, docs);
            touched.put(path, docs);
        }
        Map<String, String> files = new TreeMap<>();
        // Compared as documents, not text: a file that already holds them (a commit already made) is left alone.
        touched.forEach((path, docs) -> {
            List<Object> before = existing.containsKey(path) ? load(existing.get(path)) : List.of();
            if (!docs.equals(before)) {
                files.put(path, docs.isEmpty() ? null : dump(docs));
            }
        });
        return new Change(files);
    }

    /** The object's document: the existing one with the spec and change cause replaced, or a new one. */
    private static Map<String, Object> manifest(PlannedWrite write, String namespace, String changeCause, Map<String, Object> current) {
        Map<String, Object> manifest = current == null ? new LinkedHashMap<>() : new LinkedHashMap<>(current);
        if (current == null) {
            manifest.put("apiVersion", Api.API_VERSION);
            manifest.put("kind", write.kind());
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("name", write.name());
            metadata.put("namespace", namespace);
            manifest.put("metadata", metadata);
        }
        Map<String, Object> metadata = new LinkedHashMap<>(asMap(manifest.get("metadata")));
        Map<String, Object> annotations = new LinkedHashMap<>(asMap(metadata.get("annotations")));
        annotations.put(Revisions.CHANGE_CAUSE, changeCause);
        metadata.put("annotations", annotations);
        manifest.put("metadata", metadata);
        manifest.put("spec", JSON.convertValue(write.desired(), MAP));
        return manifest;
    }

    private static String find(Map<String, List<Object>> documents, String kind, String name, String namespace) {
        return documents.entrySet().stream().filter(e -> indexOf(e.getValue(), kind, name, namespace) >= 0).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    private static int indexOf(List<Object> docs, String kind, String name, String namespace) {
        for (int i = 0; i < docs.size(); i++) {
            Map<String, Object> doc = asMap(docs.get(i));
            Map<String, Object> metadata = asMap(doc.get("metadata"));
            Object ns = metadata.get("namespace");
            if (kind.equals(doc.get("kind")) && name.equals(metadata.get("name")) && (ns == null || namespace.equals(ns))
                    && String.valueOf(doc.get("apiVersion")).startsWith(Api.GROUP + "/")) {
                return i;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static List<Object> load(String content) {
        List<Object> docs = new ArrayList<>();
        for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromString(content)) {
            if (doc != null) {
                docs.add(doc);
            }
        }
        return docs;
    }

    private static String dump(List<Object> docs) {
        return new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setSplitLines(false).setExplicitStart(docs.size() > 1).build())
                .dumpAllToString(docs.iterator());
    }
}
