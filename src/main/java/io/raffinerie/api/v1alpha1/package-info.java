/**
 * The raffinerie.io/v1alpha1 API: custom resource classes, their specs and statuses. Plain data carriers with the
 * admission rules (OpenAPI and CEL) that the CRD generator turns into the schema; no logic lives here.
 */
package io.raffinerie.api.v1alpha1;
