/**
 * Pure logic: validation, defaulting, the pipeline DAG, desired objects and status computation. No client, no I/O;
 * everything here is unit-tested without a cluster.
 */
package io.raffinerie.model;
