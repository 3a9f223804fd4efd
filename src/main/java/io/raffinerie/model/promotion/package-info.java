/**
 * Promotions, pure: which sources an environment accepts, which approvals count, the spec written into the target
 * (with the fields it keeps), the diff in words, and the next phase of a promotion from what the cluster shows.
 */
package io.raffinerie.model.promotion;
