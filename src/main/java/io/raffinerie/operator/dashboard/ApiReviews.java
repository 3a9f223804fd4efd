package io.raffinerie.operator.dashboard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.raffinerie.operator.common.OperatorSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The two questions the dashboard asks the API server, with their answers reused for a while (so pages cost no API
 * request once a user is known): who is this token (TokenReview), and may this identity do that (SubjectAccessReview).
 * A failed question is not cached: it is asked again on the next request.
 */
@ApplicationScoped
public class ApiReviews {
    private static final Logger LOG = Logger.getLogger(ApiReviews.class);

    @Inject
    KubernetesClient client;

    @Inject
    OperatorSettings settings;

    @Inject
    Clock clock;

    private Cache<String, UserInfo> tokens;
    private Cache<String, Boolean> accesses;

    @PostConstruct
    void init() {
        tokens = answers(10_000);
        accesses = answers(50_000);
    }

    /** Answers kept for the review TTL on the injected clock; bounded, since every key comes from a request. */
    private <V> Cache<String, V> answers(int maxEntries) {
        return Caffeine.newBuilder().expireAfterWrite(settings.dashboard().reviewTtl()).maximumSize(maxEntries)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
    }

    /** The kept answer, or the API server's, kept when there is one (a failed question is asked again next time). */
    private static <V> Optional<V> cached(Cache<String, V> answers, String key, Function<String, Optional<V>> ask) {
        V known = answers.getIfPresent(key);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<V> answer = ask.apply(key);
        answer.ifPresent(value -> answers.put(key, value));
        return answer;
    }

    /** The authenticated user of a token; {@code key} identifies the token without holding it. */
    Optional<UserInfo> user(String key, String token) {
        return cached(tokens, key, k -> {
            try {
                TokenReview review = client.resource(new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().build()).create();
                return review.getStatus() != null && Boolean.TRUE.equals(review.getStatus().getAuthenticated())
                        ? Optional.ofNullable(review.getStatus().getUser()) : Optional.empty();
            } catch (KubernetesClientException e) {
                LOG.warnf("TokenReview failed (%d): the request is treated as anonymous", e.getCode());
                return Optional.empty();
            }
        });
    }

    /** Whether the user may use the verb on DataRuns of the namespace; false when the API server cannot say. */
    boolean allowed(DashboardUser user, String namespace, String verb) {
        String key = user.accessKey() + "\u0000" + namespace + "\u0000" + verb;
        return cached(accesses, key, k -> {
            SubjectAccessReview review = new SubjectAccessReviewBuilder().withNewSpec()
                    .withUser(user.name()).withGroups(user.groups())
                    .withNewResourceAttributes().withGroup(AccessReviews.GROUP).withResource(AccessReviews.RUNS).withVerb(verb)
                    .withNamespace(namespace).endResourceAttributes().endSpec().build();
            try {
                SubjectAccessReview answer = client.resource(review).create();
                return Optional.of(answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed()));
            } catch (KubernetesClientException e) {
                LOG.warnf("SubjectAccessReview failed (%d): access denied for now", e.getCode());
                return Optional.<Boolean>empty();
            }
        }).orElse(false);
    }
}
