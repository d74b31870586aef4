package org.ssvm.model;

/** One export: a name and the index of the exported entity in its index space. */
public record Export(String name, ExternKind kind, int index) {
}
