package io.raffinerie.it;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks an integration test that runs the operator in the test JVM against the shared real kube-apiserver. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithTestResource(value = KubeApiServerResource.class, scope = TestResourceScope.GLOBAL)
public @interface ClusterIT {
}
