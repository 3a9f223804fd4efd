package io.raffinerie.operator.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import org.junit.jupiter.api.Test;

class WebhookClientTest {
    private static final URI URL = URI.create("https://hooks.example.com:8443/services/T0/B1/s3cr3t?token=abc123");

    @Test
    void knownFailuresAreFixedSentences() {
        assertThat(WebhookClient.describe(new HttpConnectTimeoutException("HTTP connect timed out"), URL))
                .isEqualTo("the connection to the webhook timed out");
        assertThat(WebhookClient.describe(new HttpTimeoutException("request timed out"), URL))
                .isEqualTo("the webhook did not answer in time");
        assertThat(WebhookClient.describe(new IOException("wrapped", new ConnectException()), URL))
                .isEqualTo("the webhook refused the connection or is unreachable");
    }

    @Test
    void otherMessagesLoseTheUrlAndEveryPartOfIt() {
        String message = WebhookClient.describe(new IOException("failed POST " + URL + " to hooks.example.com:8443 at "
                + "/services/T0/B1/s3cr3t with token=abc123"), URL);
        assertThat(message).startsWith("the request to the webhook failed: ")
                .doesNotContain("hooks.example.com").doesNotContain("s3cr3t").doesNotContain("abc123");
    }
}
