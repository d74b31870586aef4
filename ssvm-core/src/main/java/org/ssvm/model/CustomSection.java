package org.ssvm.model;

/** A custom section, kept verbatim. */
public record CustomSection(String name, byte[] data) {
}
