# Sourced by scripts/test and scripts/cluster: a Docker engine for the container tests.
# docker_up: as root with apt-get, installs what is missing of Debian's docker.io, docker-compose and debootstrap;
# uses the engine that answers, else starts dockerd (as root) and stops it when the calling script exits.
# Afterwards docker_skip is empty when an engine answers, else it says why none does.
# STORYWATCH_DOCKER=off leaves Docker alone (the container tests then skip).

dockerd_pid=""
docker_skip=""

stop_dockerd() {
    if [ -n "$dockerd_pid" ]; then
        echo "stopping the dockerd started for these tests (pid $dockerd_pid) ..." >&2
        kill "$dockerd_pid" 2>/dev/null || true
        for _ in $(seq 60); do kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 1; done
        dockerd_pid=""
    fi
}

docker_up() {
    if [ "${STORYWATCH_DOCKER:-auto}" = off ]; then
        docker_skip="STORYWATCH_DOCKER=off"
        return
    fi
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null \
            && ! { command -v dockerd && command -v docker-compose && command -v debootstrap; } >/dev/null 2>&1; then
        echo "installing docker.io, docker-compose and debootstrap for the container tests ..." >&2
        apt-get update -qq || true
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io docker-compose debootstrap >/dev/null \
            || echo "could not install them" >&2
    fi
    if ! command -v docker >/dev/null; then
        docker_skip="no docker command (apt-get install docker.io, as root)"
        return
    fi
    docker info >/dev/null 2>&1 && return
    if [ "$(id -u)" != 0 ] || ! command -v dockerd >/dev/null; then
        docker_skip="no Docker engine answers and none can be started here (dockerd needs root)"
        return
    fi
    local log="${TMPDIR:-/tmp}/storywatch-dockerd.log"
    echo "starting dockerd (log: $log) ..." >&2
    dockerd >"$log" 2>&1 &
    dockerd_pid=$!
    trap stop_dockerd EXIT
    for _ in $(seq 60); do
        docker info >/dev/null 2>&1 && return
        kill -0 "$dockerd_pid" 2>/dev/null || break
        sleep 1
    done
    docker_skip="dockerd did not start: $(tail -3 "$log" | tr '\n' ' ')"
    stop_dockerd
}
