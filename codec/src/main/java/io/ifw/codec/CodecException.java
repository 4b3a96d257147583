package io.ifw.codec;

/** Bytes that are not a value of the expected type: truncated, a bad tag, an unknown constant. The message says which. */
public class CodecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CodecException(String message) {
        super(message);
    }
}
