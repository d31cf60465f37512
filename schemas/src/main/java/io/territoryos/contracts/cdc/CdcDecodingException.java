package io.territoryos.contracts.cdc;

/** A change event that cannot be used, with the class of failure that the dead-letter record carries. */
public class CdcDecodingException extends RuntimeException {

    /** Classes of failure, named in {@code DeadLetter.error_type}. */
    public enum ErrorType { PARSE, MISSING_KEY, RANGE, UNKNOWN_VALUE, MISSING_FIELD }

    private final ErrorType type;

    public CdcDecodingException(ErrorType type, String reason) {
        super(reason);
        this.type = type;
    }

    public CdcDecodingException(ErrorType type, String reason, Throwable cause) {
        super(reason, cause);
        this.type = type;
    }

    public ErrorType type() {
        return type;
    }
}
