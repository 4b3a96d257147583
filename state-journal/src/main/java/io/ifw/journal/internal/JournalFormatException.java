package io.ifw.journal.internal;

/** A record that this build cannot read; the message says why. */
public class JournalFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JournalFormatException(String message) {
        super(message);
    }

    /** A record written by a newer build of the journal. */
    public static final class Newer extends JournalFormatException {

        private static final long serialVersionUID = 1L;

        public Newer(String message) {
            super(message);
        }
    }
}
