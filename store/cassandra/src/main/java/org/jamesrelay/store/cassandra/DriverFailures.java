package org.jamesrelay.store.cassandra;

import java.util.function.Supplier;

import org.jamesrelay.store.PolicyStoreException;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.servererrors.QueryConsistencyException;
import com.datastax.oss.driver.api.core.servererrors.QueryValidationException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;

/**
 * Driver exceptions as {@link PolicyStoreException}s that say what failed and why.
 */
final class DriverFailures {
    static <T> T call(String action, Supplier<T> call) throws PolicyStoreException {
        try {
            return call.get();
        } catch (DriverException e) {
            throw translate(action, e);
        }
    }

    static PolicyStoreException translate(String action, DriverException e) {
        return new PolicyStoreException("Cannot " + action + ": " + reason(e), e);
    }

    /** For a write: unless Cassandra surely did not start it, it may have been applied all the same. */
    static PolicyStoreException translateWrite(String action, DriverException e) {
        if (e instanceof NoNodeAvailableException || e instanceof UnavailableException || e instanceof QueryValidationException) {
            return translate(action, e);
        }
        return new PolicyStoreException("Cannot " + action + ": " + reason(e)
            + "; the change may have been applied all the same: read the policy before writing again", e);
    }

    private static String reason(DriverException e) {
        if (e instanceof AllNodesFailedException) {
            return "no Cassandra node could be reached (" + e.getMessage() + ")";
        }
        if (e instanceof DriverTimeoutException) {
            return "Cassandra did not answer in time (" + e.getMessage() + ")";
        }
        if (e instanceof QueryConsistencyException) {
            return "too few Cassandra replicas answered (" + e.getMessage() + ")";
        }
        return e.getMessage();
    }

    private DriverFailures() {
    }
}
