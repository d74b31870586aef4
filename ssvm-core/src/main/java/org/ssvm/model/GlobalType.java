package org.ssvm.model;

/** The type of a global variable. */
public record GlobalType(ValType valueType, boolean mutable) {
}
