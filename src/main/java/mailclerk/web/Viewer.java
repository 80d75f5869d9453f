package mailclerk.web;

/**
 * The clerk or administrator looking at a page, with the CSRF token their forms must carry and the idle limit of
 * their session in seconds (the page warns before it; 0: no warning).
 */
public record Viewer(String name, Role role, String csrf, long idleSeconds) {
    public Viewer(String name, Role role, String csrf) {
        this(name, role, csrf, 0);
    }

    public boolean admin() {
        return role.mayAdminister();
    }
}
