/**
 * Schema twins of the Kubernetes types the API embeds (ResourceRequirements, Toleration, LabelSelector, Condition):
 * the same JSON shape, with a description on every field. The API classes keep the Kubernetes types in Java and take
 * their CRD schema from these ({@code @SchemaFrom}), since the fabric8 model carries no descriptions. Never
 * instantiated.
 */
package io.raffinerie.api.v1alpha1.schema;
