package org.jamesrelay.webadmin;

import org.apache.james.webadmin.Routes;

/**
 * Routes of the {@code /relay} API, all under {@link RelayApi#BASE_PATH}.
 */
public abstract class RelayApiRoutes implements Routes {
    @Override
    public final String getBasePath() {
        return RelayApi.BASE_PATH;
    }
}
