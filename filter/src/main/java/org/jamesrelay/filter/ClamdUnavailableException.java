package org.jamesrelay.filter;

/**
 * clamd gave no verdict: it could not be reached, did not answer in time, reported an error
 * (including its stream size limit) or answered something unexpected. The caller decides whether
 * the mail then fails closed or open.
 */
public class ClamdUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public ClamdUnavailableException(String message) {
        super(message);
    }

    public ClamdUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
