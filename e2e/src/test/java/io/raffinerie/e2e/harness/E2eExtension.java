package io.raffinerie.e2e.harness;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit extension of the e2e suites: {@code @ExtendWith(E2eExtension.class)}.
 *
 * <ul>
 *   <li>Resolves {@link Cluster} parameters (the cluster of the run, started on first use).</li>
 *   <li>Resolves a {@link TestNamespace} parameter: a fresh namespace with a unique name, labelled
 *       {@code raffinerie.io/e2e=true} and enforcing the Pod Security level of {@link PodSecurityLevel}
 *       ({@code restricted} by default), whose default ServiceAccount exists (so pods can be created).</li>
 *   <li>After the test: if it failed, collects {@link Diagnostics} into {@code e2e/target/diagnostics/<test>/};
 *       then deletes the namespace (kept when {@code RAFFINERIE_E2E_KEEP_NAMESPACES=true}).</li>
 * </ul>
 */
public class E2eExtension implements ParameterResolver, AfterEachCallback {

    public static final String E2E_LABEL = "raffinerie.io/e2e";
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(E2eExtension.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == Cluster.class || type == TestNamespace.class && extensionContext.getTestMethod().isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
        if (parameterContext.getParameter().getType() == Cluster.class) {
            return Cluster.get();
        }
        return context.getStore(STORE).getOrComputeIfAbsent("namespace", key -> create(context), TestNamespace.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestNamespace namespace = context.getStore(STORE).get("namespace", TestNamespace.class);
        Optional<Throwable> failure = context.getExecutionException();
        if (failure.isPresent()) {
            Cluster cluster = Cluster.get();
            String testId = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
            var dir = Diagnostics.collect(cluster, namespace == null ? null : namespace.name(),
                    Diagnostics.directoryFor(cluster, testId));
            System.err.println("[e2e] " + testId + " failed: diagnostics in " + dir);
        }
        if (namespace != null && !Boolean.parseBoolean(System.getenv("RAFFINERIE_E2E_KEEP_NAMESPACES"))) {
            namespace.client().namespaces().withName(namespace.name()).delete();
        }
    }

    private static TestNamespace create(ExtensionContext context) {
        Cluster cluster = Cluster.get();
        String level = podSecurityLevel(context);
        String name = uniqueName(context.getRequiredTestMethod().getName());
        cluster.client().resource(new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels(E2E_LABEL, "true")
                .addToLabels("raffinerie.io/e2e-test", slug(context.getRequiredTestClass().getSimpleName(), 63))
                .addToLabels("pod-security.kubernetes.io/enforce", level)
                .addToLabels("pod-security.kubernetes.io/enforce-version", "latest")
                .endMetadata()
                .build()).create();
        // The ServiceAccount admission refuses pods until the controller made the namespace's default account.
        await("ServiceAccount default in " + name).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> cluster.client().serviceAccounts().inNamespace(name).withName("default").get() != null);
        return new TestNamespace(name, cluster);
    }

    private static String podSecurityLevel(ExtensionContext context) {
        return AnnotationSupport.findAnnotation(context.getTestMethod(), PodSecurityLevel.class)
                .or(() -> AnnotationSupport.findAnnotation(context.getTestClass(), PodSecurityLevel.class))
                .map(PodSecurityLevel::value)
                .orElse("restricted");
    }

    static String uniqueName(String testName) {
        StringBuilder suffix = new StringBuilder();
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < 5; i++) {
            suffix.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return "e2e-" + slug(testName, 40) + "-" + suffix;
    }

    /** A DNS label: lower case letters, digits and dashes, at most {@code max} characters. */
    static String slug(String text, int max) {
        String slug = text.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > max) {
            slug = slug.substring(0, max).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "test" : slug;
    }
}
