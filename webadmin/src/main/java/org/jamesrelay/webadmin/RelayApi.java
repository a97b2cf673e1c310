package org.jamesrelay.webadmin;

/**
 * The base path and the headers that every {@code /relay} route shares. See {@code docs/webadmin.md}.
 */
public final class RelayApi {
    public static final String BASE_PATH = "/relay";
    /** Who makes the change, for the audit trail; the command line sends the operating system user. */
    public static final String ACTOR_HEADER = "X-Relay-Actor";
    public static final String DEFAULT_ACTOR = "webadmin";
    /** The version of the stored policy, on GET /relay/policy and after each write (also as the ETag). */
    public static final String VERSION_HEADER = "X-Relay-Policy-Version";
    /** The version of the policy in force on this node, on GET /relay/policy. */
    public static final String APPLIED_VERSION_HEADER = "X-Relay-Policy-Applied-Version";

    private RelayApi() {
    }
}
