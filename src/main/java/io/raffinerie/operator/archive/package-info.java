/** The run archive: finished runs written to PostgreSQL (the schema in db/migration, applied with Flyway). */
package io.raffinerie.operator.archive;
