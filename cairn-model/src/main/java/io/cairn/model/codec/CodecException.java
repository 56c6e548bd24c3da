package io.cairn.model.codec;

/**
 * Thrown for a document that cannot be decoded; {@link #getMessage()} is a short human reason fit for an HTTP 400
 * body, such as {@code invalid status 'up'} or {@code malformed JSON at line 1 column 17}.
 */
public final class CodecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CodecException(String message) {
        super(message);
    }

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
