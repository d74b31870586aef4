package org.ssvm.model;

/** What an import asks for: one case per {@link ExternKind}. */
public sealed interface ImportDesc {
    ExternKind kind();

    /** A function of the given type (an index into the module's type section). */
    record Func(int typeIndex) implements ImportDesc {
        public ExternKind kind() { return ExternKind.FUNC; }
    }

    record Table(TableType type) implements ImportDesc {
        public ExternKind kind() { return ExternKind.TABLE; }
    }

    record Memory(MemoryType type) implements ImportDesc {
        public ExternKind kind() { return ExternKind.MEMORY; }
    }

    record Global(GlobalType type) implements ImportDesc {
        public ExternKind kind() { return ExternKind.GLOBAL; }
    }
}
