package io.raffinerie.operator.alert;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.raffinerie.api.v1alpha1.SecretKeyRef;
import io.raffinerie.model.alert.WebhookDestinations;
import io.raffinerie.model.run.SecretReferences;
import io.raffinerie.operator.common.Failures;
import io.raffinerie.operator.common.OperatorSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * One POST to an alert webhook. The URL is read from its Secret for each attempt and lives only in local variables:
 * it is never logged, and every message this class returns is written without it. The answer's body is never read:
 * a webhook is no way to read back what the operator can reach. Before each attempt the host is resolved and every
 * address checked against {@link WebhookDestinations}; the connection then takes its address from the JVM's address
 * cache, which that resolution filled, so a name cannot answer a public address to the check and another to the
 * connection.
 */
@ApplicationScoped
public class WebhookClient {
    private final KubernetesClient client;
    private final Duration timeout;
    private final HttpClient http;
    private final WebhookDestinations destinations;

    public WebhookClient(KubernetesClient client, OperatorSettings settings) {
        this.client = client;
        this.timeout = settings.alerts().requestTimeout();
        this.destinations = new WebhookDestinations(settings.alerts().allowedDestinations().orElse(List.of()),
                settings.alerts().deniedDestinations().orElse(List.of()));
        // HTTP/1.1: webhooks are single small requests, and some endpoints mishandle an h2c upgrade.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** How one attempt went; {@code retry} says whether another attempt may succeed. */
    public record Attempt(boolean delivered, boolean retry, String message) {
        static Attempt delivered(String message) {
            return new Attempt(true, false, message);
        }

        static Attempt retry(String message) {
            return new Attempt(false, true, message);
        }

        static Attempt permanent(String message) {
            return new Attempt(false, false, message);
        }
    }

    public Attempt post(String namespace, SecretKeyRef ref, String json) {
        String where = "Secret " + ref.name + ", key " + ref.key;
        URI uri;
        try {
            Secret secret = client.secrets().inNamespace(namespace).withName(ref.name).get();
            if (secret == null) {
                return Attempt.permanent("the " + where + " of the webhook's URL does not exist in namespace " + namespace);
            }
            String url = SecretReferences.decoded(secret).get(ref.key);
            if (url == null || url.isBlank()) {
                return Attempt.permanent("Secret " + ref.name + " has no key " + ref.key + " with the webhook's URL");
            }
            uri = parse(url.strip());
            if (uri == null) {
                return Attempt.permanent("the value of " + where + " is not an http or https URL");
            }
        } catch (KubernetesClientException e) {
            return Attempt.retry("the " + where + " could not be read: " + Failures.describe(e));
        }
        List<byte[]> addresses;
        try {
            addresses = Arrays.stream(InetAddress.getAllByName(uri.getHost())).map(InetAddress::getAddress).toList();
        } catch (UnknownHostException e) {
            return Attempt.retry("the webhook's host name could not be resolved");
        }
        Optional<String> refusal = destinations.refusal(addresses);
        if (refusal.isPresent()) {
            return Attempt.permanent(refusal.get());
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "raffinerie-operator")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        } catch (IllegalArgumentException e) {
            return Attempt.permanent("the value of " + where + " is not a usable URL");
        }
        CompletableFuture<HttpResponse<Void>> sent = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            // The request timeout covers the answer's headers; this bounds a body that never ends, too.
            HttpResponse<Void> response = sent.get(timeout.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
            int code = response.statusCode();
            if (code >= 200 && code < 300) {
                return Attempt.delivered("HTTP " + code);
            }
            String answer = "the webhook answered HTTP " + code;
            return code == 408 || code == 429 || code >= 500 ? Attempt.retry(answer) : Attempt.permanent(answer);
        } catch (ExecutionException e) {
            return Attempt.retry(e.getCause() instanceof IOException io ? describe(io, uri)
                    : "the request to the webhook failed");
        } catch (TimeoutException e) {
            sent.cancel(true);
            return Attempt.retry("the webhook did not answer in time");
        } catch (InterruptedException e) {
            sent.cancel(true);
            Thread.currentThread().interrupt();
            return Attempt.permanent("the operator stopped before the webhook answered");
        }
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            return http && uri.getHost() != null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Why an attempt failed, in words that cannot carry the URL: known failures get fixed sentences. */
    static String describe(IOException failure, URI uri) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpConnectTimeoutException) {
                return "the connection to the webhook timed out";
            }
            if (cause instanceof HttpTimeoutException) {
                return "the webhook did not answer in time";
            }
            if (cause instanceof ConnectException) {
                return "the webhook refused the connection or is unreachable";
            }
            if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
                return "the webhook's host name could not be resolved";
            }
            if (cause instanceof SSLException) {
                return "the TLS handshake with the webhook failed";
            }
        }
        String message = failure.getMessage() == null ? "" : ": " + scrub(failure.getMessage(), uri);
        return "the request to the webhook failed" + message;
    }

    /** Removes the URL and its parts from a text that came from elsewhere (an exception). */
    static String scrub(String text, URI uri) {
        String scrubbed = text.replace(uri.toString(), "<webhook>");
        for (String part : new String[] {uri.getRawAuthority(), uri.getHost(), uri.getRawPath(), uri.getRawQuery()}) {
            if (part != null && part.length() > 1) {
                scrubbed = scrubbed.replace(part, "<webhook>");
            }
        }
        return scrubbed;
    }
}
