package mailclerk.web;

/** What a console account may do: clerks work the queue; administrators also manage models and read the audit. */
public enum Role {
    CLERK, ADMIN;

    public boolean mayAdminister() {
        return this == ADMIN;
    }
}
