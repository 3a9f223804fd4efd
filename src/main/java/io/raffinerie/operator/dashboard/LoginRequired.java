package io.raffinerie.operator.dashboard;

/** A request without a valid identity: the browser is sent to the login form. */
public class LoginRequired extends RuntimeException {
    public LoginRequired() {
        super("login required", null, false, false);
    }
}
