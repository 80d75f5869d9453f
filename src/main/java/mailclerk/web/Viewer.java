package mailclerk.web;

/** The clerk or administrator looking at a page, with the CSRF token their forms must carry. */
public record Viewer(String name, Role role, String csrf) {
    public boolean admin() {
        return role.mayAdminister();
    }
}
