# Sourced by ./ssvm and .ci/run: sets JAVA_HOME to a JDK 25 or newer, or explains what to install.
# Looks at JAVA_HOME, then `java` on the PATH, then the usual install folders.

ssvm_java_major() { # prints the major version of the JDK at $1
  # The JDK's `release` file answers without starting a JVM (startup time matters for ./ssvm).
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  else
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
  fi
}

ssvm_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" \
      "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
      /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(ssvm_java_major "$candidate")
    if [ -n "$major" ] && [ "${major%%.*}" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  cat >&2 <<'MSG'
ssvm: error: no JDK 25 found. SSVM needs JDK 25 or newer (java and javac).
  Looked at JAVA_HOME, `java` on the PATH, /usr/lib/jvm, /opt and ~/.sdkman.
  Install one (for example Eclipse Temurin 25 from adoptium.net, or your distribution's openjdk-25-jdk)
  and set JAVA_HOME to it.
MSG
  return 1
}
