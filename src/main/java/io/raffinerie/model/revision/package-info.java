/**
 * Revisions of jobs and pipelines, decided without a cluster: the content hash of a normalised spec, the names and
 * labels of DataRevisions, which revision a spec is, which ones to prune and who wrote the spec.
 */
package io.raffinerie.model.revision;
