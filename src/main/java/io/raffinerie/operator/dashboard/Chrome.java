package io.raffinerie.operator.dashboard;

/** What every page shows around its content: its title and who is signed in, with the token their forms carry. */
public record Chrome(String title, String user, String csrfToken, boolean loading) {
    static Chrome of(String title, DashboardUser user, boolean loading) {
        return new Chrome(title, user.name(), user.csrfToken(), loading);
    }
}
