package io.ifw.journal.internal;

/** A journal that cannot be opened or written: a missing or unwritable directory, another writer. */
public class JournalException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JournalException(String message) {
        super(message);
    }

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
