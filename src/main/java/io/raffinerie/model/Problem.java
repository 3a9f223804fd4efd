package io.raffinerie.model;

/**
 * Why a resource cannot be used as it is: a CamelCase reason for machines and a message for people that names the
 * culprit.
 */
public record Problem(String reason, String message) {
}
