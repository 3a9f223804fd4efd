package io.raffinerie.cli;

/** {@code -o}: the output format; without it, a table. */
public enum Format {
    json, yaml, wide
}
