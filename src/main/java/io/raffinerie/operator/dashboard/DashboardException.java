package io.raffinerie.operator.dashboard;

/** A request the dashboard answers with an error page: a status, a title and a message meant for the user. */
public class DashboardException extends RuntimeException {
    private final int status;
    private final String title;

    public DashboardException(int status, String title, String message) {
        super(message);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    static DashboardException notFound(String what) {
        return new DashboardException(404, "Not found", what + " does not exist, or you may not read it.");
    }

    static DashboardException forbidden(String message) {
        return new DashboardException(403, "Forbidden", message);
    }

    static DashboardException badRequest(String message) {
        return new DashboardException(400, "Bad request", message);
    }
}
