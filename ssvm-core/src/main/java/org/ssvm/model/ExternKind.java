package org.ssvm.model;

/** The kinds of entity a module imports and exports, with their binary codes. */
public enum ExternKind {
    FUNC(0x00, "func"),
    TABLE(0x01, "table"),
    MEMORY(0x02, "memory"),
    GLOBAL(0x03, "global");

    private final int code;
    private final String textName;

    ExternKind(int code, String textName) {
        this.code = code;
        this.textName = textName;
    }

    public int code() { return code; }

    public String textName() { return textName; }

    /** The kind encoded by this byte, or null. */
    public static ExternKind fromCode(int code) {
        for (ExternKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        return null;
    }
}
