package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A revision is a record: it has nothing to report, and the operator never writes a status. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataRevisionStatus {
}
