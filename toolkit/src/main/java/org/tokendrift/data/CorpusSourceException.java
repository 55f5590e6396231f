package org.tokendrift.data;

/** A corpus source could not be had or failed its integrity check; the message says which and what to do. */
public final class CorpusSourceException extends RuntimeException {

    public CorpusSourceException(String message) {
        super(message);
    }

    public CorpusSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
