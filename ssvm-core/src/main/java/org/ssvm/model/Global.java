package org.ssvm.model;

/** A global defined by the module, with its initializer. */
public record Global(GlobalType type, Expr init) {
}
