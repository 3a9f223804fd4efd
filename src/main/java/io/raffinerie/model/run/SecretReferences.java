package io.raffinerie.model.run;

import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The Secrets a step's pod was given, read from the pod itself: what the step ran with, fixed when its Job was
 * created, whatever became of the DataJob, the pipeline or the environment since. Their values are what its log
 * tail must not show.
 */
public final class SecretReferences {
    private SecretReferences() {
    }

    /** One Secret key a container sees ({@code key} null: every key, from envFrom). */
    public record Ref(String secret, String key) {
    }

    /** The values to mask, and the Secrets (or keys) gone since the pod started, whose values can no longer be known. */
    public record Values(List<String> values, Set<String> gone) {
    }

    /** Every Secret key the pod's containers (init containers too) see in their environment. */
    public static List<Ref> of(PodSpec pod) {
        Set<Ref> refs = new LinkedHashSet<>();
        if (pod == null) {
            return List.of();
        }
        Stream.concat(list(pod.getInitContainers()).stream(), list(pod.getContainers()).stream()).forEach(container -> {
            for (EnvVar env : list(container.getEnv())) {
                if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                    refs.add(new Ref(env.getValueFrom().getSecretKeyRef().getName(), env.getValueFrom().getSecretKeyRef().getKey()));
                }
            }
            for (EnvFromSource from : list(container.getEnvFrom())) {
                if (from.getSecretRef() != null) {
                    refs.add(new Ref(from.getSecretRef().getName(), null));
                }
            }
        });
        return List.copyOf(refs);
    }

    /** The secret names of {@code refs}, each once. */
    public static Set<String> names(List<Ref> refs) {
        Set<String> names = new TreeSet<>();
        refs.forEach(ref -> names.add(ref.secret()));
        return names;
    }

    /** The values of {@code refs} among {@code secrets} (by name; a Secret that no longer exists is absent). */
    public static Values values(List<Ref> refs, Map<String, Secret> secrets) {
        List<String> values = new ArrayList<>();
        Set<String> gone = new TreeSet<>();
        for (Ref ref : refs) {
            Secret secret = secrets.get(ref.secret());
            if (secret == null) {
                gone.add("Secret " + ref.secret());
                continue;
            }
            if (ref.key() == null) {
                decoded(secret).values().forEach(values::add);
            } else if (decoded(secret).containsKey(ref.key())) {
                values.add(decoded(secret).get(ref.key()));
            } else {
                gone.add("key " + ref.key() + " of Secret " + ref.secret());
            }
        }
        return new Values(List.copyOf(values), gone);
    }

    /** What to store instead of a log tail whose secrets cannot all be masked. */
    public static String withheld(Set<String> gone) {
        return "(log tail withheld: the step ran with " + String.join(", ", gone)
                + ", which no longer exists, so its values cannot be masked)";
    }

    /** A Secret's values by key, decoded (data first; stringData, which the API server never returns, otherwise). */
    public static Map<String, String> decoded(Secret secret) {
        Map<String, String> values = new HashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((key, value) -> {
                if (value != null) {
                    try {
                        values.put(key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException e) {
                        // not base64: the API server never returns such data; nothing to decode
                    }
                }
            });
        }
        if (secret.getStringData() != null) {
            secret.getStringData().forEach((key, value) -> {
                if (value != null) {
                    values.putIfAbsent(key, value);
                }
            });
        }
        return values;
    }

    private static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }
}
