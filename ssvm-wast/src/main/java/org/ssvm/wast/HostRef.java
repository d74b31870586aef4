package org.ssvm.wast;

/** The host value behind a script's {@code (ref.extern N)}: equal numbers give equal references. */
record HostRef(long id) {
}
