package io.territoryos.contracts.cdc;

/** Debezium's {@code op}: r snapshot read, c insert, u update, d delete. */
public enum ChangeOp {
    READ("r"), CREATE("c"), UPDATE("u"), DELETE("d");

    private final String code;

    ChangeOp(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static ChangeOp fromCode(String code) {
        for (ChangeOp op : values()) {
            if (op.code.equals(code)) {
                return op;
            }
        }
        throw new CdcDecodingException(CdcDecodingException.ErrorType.PARSE, "unknown op '" + code + "' (expected r, c, u or d)");
    }
}
