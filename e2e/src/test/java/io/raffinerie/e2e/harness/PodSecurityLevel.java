package io.raffinerie.e2e.harness;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The Pod Security level enforced in the test namespace ({@code pod-security.kubernetes.io/enforce}).
 * Without this annotation the namespace enforces {@code restricted}. On a test class or method.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface PodSecurityLevel {

    /** {@code restricted}, {@code baseline} or {@code privileged}. */
    String value();
}
