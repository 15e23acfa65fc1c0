# Sourced by the scripts in this folder: finds the repository and builds target/storywatch.jar when it is missing
# or older than the sources.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/target/storywatch.jar"

ensure_jar() {
    if [[ ! -f "$jar" ]] || [[ -n "$(find "$root/src/main" "$root/topics" "$root/pom.xml" -newer "$jar" -print -quit)" ]]; then
        echo "building $jar ..." >&2
        mvn -B -q -ntp -Dstyle.color=never -f "$root/pom.xml" package -DskipTests >&2
    fi
}

# true when the arguments already say where the broker is
has_broker_option() {
    local arg
    for arg in "$@"; do
        case "$arg" in
            --bootstrap-servers|--bootstrap-servers=*|--data-dir|--data-dir=*) return 0 ;;
        esac
    done
    return 1
}
