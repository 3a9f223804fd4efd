/**
 * Thin reconcilers, dependent resources and event sources: they read the cluster, call the model, apply its answer
 * and patch status.
 */
package io.raffinerie.operator;
