package org.ssvm.model;

/** One import of a module: the two-level name and what is imported. */
public record Import(String module, String name, ImportDesc desc) {
}
