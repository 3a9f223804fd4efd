/**
 * The run archive's model: what of a finished run goes to the database (pure; the operator's archive package
 * writes it; the Archived condition is model.run's ArchiveConditions).
 */
package io.raffinerie.model.archive;
