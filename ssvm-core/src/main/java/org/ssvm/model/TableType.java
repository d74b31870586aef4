package org.ssvm.model;

/** The type of a table: its element reference type and size limits. */
public record TableType(ValType elementType, Limits limits) {
}
