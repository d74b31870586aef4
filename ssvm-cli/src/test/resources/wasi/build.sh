#!/usr/bin/env bash
# Rebuilds fsops.wasm from fsops.c and regenerates fsops.expected from a native build run in a fresh directory;
# rebuilds probe.wasm (the command-line tests' program) from probe.c.
# Needs: apt-get install clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32
# The tests use the committed .wasm and .expected, so they never need a compiler.
set -euo pipefail
cd "$(dirname "$0")"
clang-19 --target=wasm32-wasi --sysroot=/usr -O2 fsops.c -o fsops.wasm
clang-19 --target=wasm32-wasi --sysroot=/usr -O2 probe.c -o probe.wasm
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
clang-19 -O2 fsops.c -o "$work/fsops"
mkdir "$work/sandbox"
"$work/fsops" "$work/sandbox" > fsops.expected
echo "built probe.wasm, fsops.wasm and fsops.expected ($(wc -l < fsops.expected) lines)"
