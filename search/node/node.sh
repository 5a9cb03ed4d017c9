#!/usr/bin/env bash
# Local single-node OpenSearch 2.19.6 for MedMatch (see README.md).
#
#   node.sh build | start [-Ekey=value ...] | stop | kill | restart | status | health | logs [N]
#   node.sh cluster start|stop|kill N     an N-node cluster on PORT..PORT+N-1 (loopback)
#
# Environment:
#   OPENSEARCH_PORT           HTTP port on 127.0.0.1 (default 9201; transport uses PORT+100)
#   OPENSEARCH_DATA_DIR       node home: data/, logs/, node.pid, node.log (default <repo>/.run/opensearch)
#   OPENSEARCH_HEAP           JVM heap, -Xms = -Xmx (default 768m)
#   OPENSEARCH_START_TIMEOUT  seconds to wait for yellow health (default 120)
#   OPENSEARCH_JAVA_OPTS      extra JVM flags (optional)
#   OPENSEARCH_CDS            1 (default): keep a class-data-sharing archive in target/ (made by
#                             the first clean stop) that halves start-up CPU; 0: off
#   OPENSEARCH_JAVA_HOME      JDK to run the node with; else JAVA_HOME; else /usr/bin/java.
#                             OpenSearch 2.19 needs Java 17..21 (it is tested here on 17).
set -euo pipefail

NODE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$NODE_DIR/../.." && pwd)"

PORT="${OPENSEARCH_PORT:-9201}"
DATA_DIR="${OPENSEARCH_DATA_DIR:-$REPO_DIR/.run/opensearch}"
HEAP="${OPENSEARCH_HEAP:-768m}"
START_TIMEOUT="${OPENSEARCH_START_TIMEOUT:-120}"
if [[ -n "${OPENSEARCH_JAVA_HOME:-}" ]]; then
  JAVA="${OPENSEARCH_JAVA_HOME}/bin/java"
elif [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
  JAVA="${JAVA_HOME}/bin/java"
else
  JAVA=/usr/bin/java
fi

JAR="$NODE_DIR/target/medmatch-search-node.jar"
LIB="$NODE_DIR/target/lib"
STAMP="$NODE_DIR/target/.build-ok"
CDS_ARCHIVE="$NODE_DIR/target/opensearch-cds.jsa"
MAIN_CLASS=org.medmatch.search.LocalNode
BASE_URL="http://127.0.0.1:$PORT"

log() { echo "[node.sh] $*" >&2; }

resolve_data_dir() {
  mkdir -p "$DATA_DIR"
  DATA_DIR="$(cd "$DATA_DIR" && pwd)"
  PID_FILE="$DATA_DIR/node.pid"
  LOG_FILE="$DATA_DIR/node.log"
}

needs_build() {
  [[ -f "$STAMP" && -f "$JAR" && -d "$LIB" ]] || return 0
  [[ -n "$(find "$NODE_DIR/pom.xml" "$NODE_DIR/src" -newer "$STAMP" -print -quit)" ]]
}

cmd_build() {
  if ! needs_build; then
    log "build is up to date ($JAR)"
    return 0
  fi
  command -v mvn >/dev/null || { log "mvn not found"; return 1; }
  local out; out="$(mktemp)"
  local t0=$SECONDS
  # Offline first (fast, no network when ~/.m2 has everything), online as fallback.
  if (cd "$NODE_DIR" && mvn -q -B -o package -DskipTests) >"$out" 2>&1; then
    log "built offline in $((SECONDS - t0))s"
  else
    log "offline build not possible, building online (downloads dependencies once)"
    if ! (cd "$NODE_DIR" && mvn -q -B package -DskipTests) >"$out" 2>&1; then
      tail -n 60 "$out" >&2
      rm -f "$out"
      log "build FAILED"
      return 1
    fi
    log "built online in $((SECONDS - t0))s"
  fi
  rm -f "$out"
  rm -f "$CDS_ARCHIVE" # made for the old class path
  touch "$STAMP"
}

# Prints the pid if our node process from the pid file is alive.
running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid; pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$MAIN_CLASS" || return 1
  echo "$pid"
}

healthy() {
  curl -sf --max-time 5 "$BASE_URL/_cluster/health?wait_for_status=yellow&timeout=2s" >/dev/null 2>&1
}

wait_healthy() {
  local pid="$1" t0=$SECONDS
  until healthy; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "node process $pid exited during start-up; last log lines ($LOG_FILE):"
      tail -n 60 "$LOG_FILE" >&2 || true
      rm -f "$PID_FILE"
      return 1
    fi
    if (( SECONDS - t0 >= START_TIMEOUT )); then
      log "node not healthy after ${START_TIMEOUT}s (pid $pid left running; \`node.sh stop\` ends it); last log lines ($LOG_FILE):"
      tail -n 60 "$LOG_FILE" >&2 || true
      return 1
    fi
    sleep 0.5
  done
  log "OpenSearch healthy on $BASE_URL after $((SECONDS - t0))s (pid $pid, data $DATA_DIR)"
}

check_java() {
  local v
  v="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  if [[ ! "$v" =~ ^[0-9]+$ ]] || (( v < 17 || v > 21 )); then
    log "$JAVA is Java '${v:-?}'; OpenSearch 2.19 needs Java 17..21 (set OPENSEARCH_JAVA_HOME)"
    return 1
  fi
}

cmd_start() {
  resolve_data_dir
  local pid
  if pid="$(running_pid)"; then
    if healthy; then
      log "already running and healthy on $BASE_URL (pid $pid)"
      return 0
    fi
    log "already running (pid $pid), waiting for health"
    wait_healthy "$pid"
    return
  fi
  rm -f "$PID_FILE"
  if curl -s --max-time 2 -o /dev/null "$BASE_URL/" 2>/dev/null; then
    log "port $PORT is already answering HTTP but not from a node of this data dir ($DATA_DIR); stop it or set OPENSEARCH_PORT"
    return 1
  fi
  check_java
  cmd_build
  mkdir -p "$DATA_DIR/tmp"
  # AppCDS: a JVM run with ArchiveClassesAtExit dumps the classes it loaded when it exits cleanly;
  # cmd_stop then moves that archive into place for later starts.
  local cds_opts=()
  rm -f "$DATA_DIR/cds.jsa.tmp"
  if [[ "${OPENSEARCH_CDS:-1}" == 1 ]]; then
    if [[ -s "$CDS_ARCHIVE" ]]; then
      cds_opts=("-XX:SharedArchiveFile=$CDS_ARCHIVE" -Xshare:auto)
    else
      cds_opts=("-XX:ArchiveClassesAtExit=$DATA_DIR/cds.jsa.tmp")
    fi
  fi
  # shellcheck disable=SC2206
  local jvm_opts=(
    "-Xms$HEAP" "-Xmx$HEAP" -XX:+UseSerialGC -Xss1m
    -XX:-OmitStackTraceInFastThrow -Djava.awt.headless=true -Dfile.encoding=UTF-8
    "-Djava.io.tmpdir=$DATA_DIR/tmp" -Djava.locale.providers=SPI,COMPAT
    -Djna.nosys=true -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true
    -Dio.netty.recycler.maxCapacityPerThread=0 -Dio.netty.allocator.numDirectArenas=0
    -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true
    "${cds_opts[@]}" ${OPENSEARCH_JAVA_OPTS:-}
    "-Dmedmatch.home=$DATA_DIR" "-Dmedmatch.http.port=$PORT"
  )
  local t0=$SECONDS
  : >"$LOG_FILE"
  # Background job in a non-interactive shell: not a group leader, so setsid execs in place and $! is the JVM.
  setsid nohup "$JAVA" "${jvm_opts[@]}" -cp "$JAR:$LIB/*" "$MAIN_CLASS" "$@" </dev/null >>"$LOG_FILE" 2>&1 &
  pid=$!
  echo "$pid" >"$PID_FILE"
  log "starting OpenSearch (pid $pid, port $PORT, heap $HEAP, log $LOG_FILE)"
  if [[ "${OPENSEARCH_NO_WAIT:-0}" == 1 ]]; then
    return 0 # a cluster node: health comes once enough nodes have joined (cmd_cluster waits)
  fi
  wait_healthy "$pid"
  log "start took $((SECONDS - t0))s"
}

cmd_stop() {
  resolve_data_dir
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  log "stopping pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for ((i = 0; i < 60; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "still alive after 30s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
    rm -f "$DATA_DIR/cds.jsa.tmp" # possibly half written
  fi
  if [[ -s "$DATA_DIR/cds.jsa.tmp" && -f "$STAMP" && ! -e "$CDS_ARCHIVE" ]]; then
    mv -f "$DATA_DIR/cds.jsa.tmp" "$CDS_ARCHIVE" && log "class-data-sharing archive saved for faster starts"
  fi
  rm -f "$PID_FILE" "$DATA_DIR/cds.jsa.tmp"
  log "stopped"
}

cmd_kill() {
  resolve_data_dir
  local pid
  if pid="$(running_pid)"; then
    kill -KILL "$pid" 2>/dev/null || true
    log "killed pid $pid"
  fi
  rm -f "$PID_FILE" "$DATA_DIR/cds.jsa.tmp"
}

# An N-node cluster on loopback: node i serves HTTP on PORT+i, transport on PORT+100+i, with its
# home in DATA_DIR-cluster/node-i. `cluster start N` starts them all and waits for N nodes.
cmd_cluster() {
  local action="${1:-}" count="${2:-3}" i seeds="" managers=""
  [[ "$count" =~ ^[1-9][0-9]*$ ]] || { log "cluster size must be a number"; return 2; }
  for ((i = 0; i < count; i++)); do
    seeds+="${seeds:+,}127.0.0.1:$((PORT + 100 + i))"
    managers+="${managers:+,}medmatch-node-$i"
  done
  for ((i = 0; i < count; i++)); do
    local env=(OPENSEARCH_PORT=$((PORT + i)) "OPENSEARCH_DATA_DIR=$DATA_DIR-cluster/node-$i" OPENSEARCH_CDS=0)
    case "$action" in
      start)
        env OPENSEARCH_NO_WAIT=1 "${env[@]}" "$0" start -Ediscovery.type=zen -Enode.name="medmatch-node-$i" \
          -Etransport.port=$((PORT + 100 + i)) -Ediscovery.seed_hosts="$seeds" \
          -Ecluster.initial_cluster_manager_nodes="$managers" ;;
      stop) env "${env[@]}" "$0" stop ;;
      kill) env "${env[@]}" "$0" kill ;;
      *) log "usage: node.sh cluster start|stop|kill N"; return 2 ;;
    esac
  done
  if [[ "$action" == start ]]; then
    local t0=$SECONDS
    until curl -sf --max-time 5 "$BASE_URL/_cluster/health?wait_for_nodes=$count&wait_for_status=yellow&timeout=2s" >/dev/null 2>&1; do
      if (( SECONDS - t0 >= START_TIMEOUT )); then
        log "cluster of $count not formed after ${START_TIMEOUT}s"
        return 1
      fi
      sleep 1
    done
    log "cluster of $count nodes healthy on ports $PORT..$((PORT + count - 1)) after $((SECONDS - t0))s"
  fi
}

cmd_health() {
  resolve_data_dir
  local body
  if ! body="$(curl -sf --max-time 5 "$BASE_URL/_cluster/health?pretty")"; then
    log "OpenSearch not reachable on $BASE_URL"
    return 1
  fi
  echo "$body"
  local pid
  if pid="$(running_pid)"; then log "pid $pid, data $DATA_DIR"; fi
}

case "${1:-}" in
  build) cmd_build ;;
  start) shift; cmd_start "$@" ;;
  stop) cmd_stop ;;
  kill) cmd_kill ;;
  cluster) shift; cmd_cluster "$@" ;;
  restart) cmd_stop; cmd_start ;;
  status | health) cmd_health ;;
  logs) resolve_data_dir; tail -n "${2:-100}" "$LOG_FILE" ;;
  *)
    echo "usage: $0 {build|start|stop|kill|restart|status|health|logs [N]|cluster start|stop|kill N}" >&2
    exit 2
    ;;
esac
