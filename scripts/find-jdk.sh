# Sourced by ./ssvm, ./ssvm-bench and .ci/run: sets JAVA_HOME to a JDK 25 or newer, or explains what to install.
# Looks at JAVA_HOME, then `java` on the PATH, then the usual install folders. It runs before every ./ssvm
# command, so it sticks to shell builtins where it can: each forked process costs a few milliseconds.

# Whether $1 is a JDK (java and javac) of version 25 or newer.
ssvm_jdk_ok() {
  local dir=$1 line major=""
  [ -n "$dir" ] && [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] || return 1
  if [ -f "$dir/release" ]; then
    # The JDK's `release` file answers without starting a JVM: JAVA_VERSION="25.0.1"
    while IFS= read -r line; do
      case $line in
        JAVA_VERSION=*) line=${line#JAVA_VERSION=}; line=${line#\"}; major=${line%%[!0-9]*}; break ;;
      esac
    done < "$dir/release"
  else
    major=$("$dir/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    major=${major%%.*}
  fi
  [ -n "$major" ] && [ "$major" -ge 25 ] 2>/dev/null
}

ssvm_find_jdk() {
  local candidate java
  if ssvm_jdk_ok "${JAVA_HOME:-}"; then
    return 0
  fi
  if java=$(command -v java 2>/dev/null) && java=$(readlink -f "$java") && ssvm_jdk_ok "${java%/bin/java}"; then
    export JAVA_HOME="${java%/bin/java}"
    return 0
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    if ssvm_jdk_ok "$candidate"; then
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
