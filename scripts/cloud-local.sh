#!/usr/bin/env bash
# The local AWS emulators behind `seiswork submit --cloud local` and CI (docs/cloud.md):
#   SQS      ElasticMQ  http://127.0.0.1:9324  (SEISWORK_SQS_PORT)       queues seiswork-shots + seiswork-shots-dlq
#   S3       S3Proxy    http://127.0.0.1:9000  (SEISWORK_S3_PORT)        objects under .cloud-local/s3
#   DynamoDB dynalite   http://127.0.0.1:4567  (SEISWORK_DYNAMODB_PORT)  tables under .cloud-local/dynamodb
# The bucket and the table are not made here: the application creates them on first use.
#
# Usage: scripts/cloud-local.sh install|start|stop|status|reset
#   install  npm-installs dynalite into .cloud-local/tools and writes the emulators' Java classpath
#            (cloud-client's test classpath) to .cloud-local/cp.txt. Quiet when already done.
#   start    installs if needed, then starts whatever is not running and waits for its port; an
#            emulator another checkout started, answering as that emulator on its port, is used as it is.
#   stop     stops the three by their PID files (never one another checkout started).
#   status   says which are up, this checkout's or another's; exits 0 when all three are, 3 otherwise.
#   reset    stops them and deletes the stored objects and tables.
# Logs: .cloud-local/logs/{sqs,s3,dynamodb}.log. PID files: .cloud-local/run/*.pid.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state="$root/.cloud-local"
tools="$state/tools"
cp_file="$state/cp.txt"
dynalite_cli="$tools/node_modules/dynalite/cli.js"
dynalite_version=4.0.0

services=(sqs s3 dynamodb)
declare -A name=([sqs]=SQS [s3]=S3 [dynamodb]=DynamoDB)
declare -A port=([sqs]="${SEISWORK_SQS_PORT:-9324}" [s3]="${SEISWORK_S3_PORT:-9000}" \
                 [dynamodb]="${SEISWORK_DYNAMODB_PORT:-4567}")

say() { echo "cloud-local: $*"; }
die() { echo "cloud-local: $*" >&2; exit 1; }
pid_file() { echo "$state/run/$1.pid"; }
log_file() { echo "$state/logs/$1.log"; }
endpoint() { echo "http://127.0.0.1:${port[$1]}"; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
now_ms() { date +%s%3N; }

http_get() { # port, path: prints the HTTP response (head and body) from 127.0.0.1, 3 s at most
  timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0" || exit 1
    printf "GET %s HTTP/1.0\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n" "$1" "$0" >&3
    cat <&3' "$1" "$2" 2>/dev/null || true
}

answers_as() { # whether service $1's port answers over HTTP as its emulator, configured as start configures it
  local r
  case "$1" in
    sqs) r="$(http_get "${port[sqs]}" "/?Action=ListQueues")"
         [[ $r == *"<ListQueuesResponse"* && $r == *"/seiswork-shots<"* && $r == *"/seiswork-shots-dlq<"* ]] ;;
    s3) r="$(http_get "${port[s3]}" /)"  # unsigned: S3's own refusal, or the bucket list
        [[ ${r,,} == *"x-amz-request-id:"* ]] && [[ $r == *"<Error><Code>"* || $r == *"<ListAllMyBucketsResult"* ]] ;;
    dynamodb) r="$(http_get "${port[dynamodb]}" /)"
              [[ $r == *"healthy: dynamodb."* ]] ;;
  esac
}

alive() { # whether process $1 runs (a zombie, dead but not yet reaped by its new parent, does not)
  local st
  st="$(ps -o stat= -p "$1" 2>/dev/null)" && [ -n "$st" ] && [ "${st:0:1}" != Z ]
}

running_pid() { # prints the PID of service $1 when its process is alive
  local f pid
  f="$(pid_file "$1")"
  [ -f "$f" ] || return 1
  pid="$(cat "$f")"
  [ -n "$pid" ] && alive "$pid" && echo "$pid"
}

install() {
  mkdir -p "$state"
  if [ ! -f "$dynalite_cli" ]; then
    command -v npm >/dev/null || die "npm not found: install Node.js 20 or newer (apt-get install nodejs npm)"
    say "installing dynalite $dynalite_version into .cloud-local/tools"
    mkdir -p "$tools"
    [ -f "$tools/package.json" ] || (cd "$tools" && npm init -y >/dev/null)
    (cd "$tools" && npm install --no-audit --no-fund --loglevel=error "dynalite@$dynalite_version" >/dev/null)
  fi
  # ElasticMQ and S3Proxy run from cloud-client's test classpath; it is written again when a pom changes.
  if [ ! -s "$cp_file" ] || [ "$root/pom.xml" -nt "$cp_file" ] || [ "$root/cloud-client/pom.xml" -nt "$cp_file" ]; then
    say "writing the emulators' classpath to .cloud-local/cp.txt"
    . "$root/scripts/lib/jdk.sh"
    seiswork_find_jdk
    # Only third-party jars are wanted: the compile phase is named so that the reactor resolves
    # seiswork-core, but nothing of ours is compiled (maven.main.skip) or listed (excludeGroupIds).
    mkdir -p "$state/logs"
    (cd "$root" && mvn -q -B -ntp -pl cloud-client -am -Dmaven.main.skip=true compile dependency:build-classpath \
        -Dmdep.includeScope=test -DexcludeGroupIds=io.seiswork -Dmdep.outputFile="$cp_file.tmp") \
        >"$state/logs/install.log" 2>&1 \
      || { tail -n 30 "$state/logs/install.log" >&2; die "mvn dependency:build-classpath failed for cloud-client; see $state/logs/install.log"; }
    mv "$cp_file.tmp" "$cp_file"
  fi
}

write_configs() {
  # Emulator placeholders, not real credentials: S3Proxy accepts identity "test" with secret "test".
  cat >"$state/s3proxy.conf" <<EOF
s3proxy.endpoint=$(endpoint s3)
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=test
s3proxy.credential=test
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$state/s3
EOF
  cat >"$state/elasticmq.conf" <<EOF
include classpath("application.conf")
node-address { protocol = "http", host = "127.0.0.1", port = ${port[sqs]}, context-path = "" }
rest-sqs { enabled = true, bind-hostname = "127.0.0.1", bind-port = ${port[sqs]} }
queues {
  seiswork-shots-dlq { }
  seiswork-shots {
    defaultVisibilityTimeout = 120 seconds
    deadLettersQueue { name = "seiswork-shots-dlq", maxReceiveCount = 3 }
  }
}
EOF
}

launch() { # starts service $1 in its own session (so a Ctrl-C in this terminal leaves it running)
  local s="$1" java_opts=(-Xmx512m -XX:+UseSerialGC)
  case "$s" in
    sqs) set -- java "${java_opts[@]}" -Dconfig.file="$state/elasticmq.conf" -cp "$(cat "$cp_file")" org.elasticmq.server.Main ;;
    s3) set -- java "${java_opts[@]}" -cp "$(cat "$cp_file")" org.gaul.s3proxy.Main --properties "$state/s3proxy.conf" ;;
    # Through scripts/lib/dynalite.js: dynalite alone dies when a client drops a connection mid-request.
    dynamodb) set -- node "$root/scripts/lib/dynalite.js" "$(dirname "$dynalite_cli")" --host 127.0.0.1 \
                --port "${port[dynamodb]}" --path "$state/dynamodb" --createTableMs 0 --deleteTableMs 0 --updateTableMs 0 ;;
  esac
  setsid "$@" </dev/null >"$(log_file "$s")" 2>&1 &
  echo $! >"$(pid_file "$s")"
}

start() {
  local s pid started=() t0 deadline
  install
  mkdir -p "$state/run" "$state/logs" "$state/s3" "$state/dynamodb"
  for s in "${services[@]}"; do
    running_pid "$s" >/dev/null && continue
    rm -f "$(pid_file "$s")"
    if port_open "${port[$s]}"; then
      answers_as "$s" \
        || die "port ${port[$s]} for ${name[$s]} is taken by a program that does not answer as the ${name[$s]} emulator"
      say "${name[$s]} $(endpoint "$s") already up, not started from this checkout: using it"
      continue
    fi
    started+=("$s")
  done
  if [ ${#started[@]} -eq 0 ]; then
    say "already up: SQS $(endpoint sqs), S3 $(endpoint s3), DynamoDB $(endpoint dynamodb)"
    return 0
  fi
  . "$root/scripts/lib/jdk.sh"
  seiswork_find_java
  command -v node >/dev/null || die "node not found: install Node.js 20 or newer (apt-get install nodejs)"
  write_configs
  t0=$(now_ms)
  for s in "${started[@]}"; do launch "$s"; done
  deadline=$((t0 + 60000))
  for s in "${started[@]}"; do
    until port_open "${port[$s]}"; do
      pid="$(cat "$(pid_file "$s")")"
      alive "$pid" || abort_start "${name[$s]} exited while starting; see $(log_file "$s")" "${started[@]}"
      [ "$(now_ms)" -lt "$deadline" ] \
        || abort_start "${name[$s]} did not answer on port ${port[$s]} within 60 s; see $(log_file "$s")" "${started[@]}"
      sleep 0.1
    done
  done
  say "SQS $(endpoint sqs), S3 $(endpoint s3), DynamoDB $(endpoint dynamodb) up after $(($(now_ms) - t0)) ms"
}

abort_start() { # message, then the services this start launched: stops those, then fails
  local msg="$1"
  shift
  stop "$@" >/dev/null
  die "$msg"
}

stop() { # the services named, or all three
  local s pid i
  [ $# -gt 0 ] || set -- "${services[@]}"
  for s in "$@"; do
    if pid="$(running_pid "$s")"; then
      kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true # its session's process group, led by it
      for i in $(seq 100); do alive "$pid" || break; sleep 0.1; done
      alive "$pid" && { kill -KILL -- "-$pid" 2>/dev/null || true; }
      say "${name[$s]} stopped (pid $pid)"
    elif port_open "${port[$s]}" && answers_as "$s"; then
      say "${name[$s]} left running: not started from this checkout"
    else
      say "${name[$s]} was not running"
    fi
    rm -f "$(pid_file "$s")"
  done
}

status() {
  local s pid down=0
  for s in "${services[@]}"; do
    if pid="$(running_pid "$s")" && port_open "${port[$s]}"; then
      say "${name[$s]} $(endpoint "$s") up (pid $pid)"
    elif port_open "${port[$s]}" && answers_as "$s"; then
      say "${name[$s]} $(endpoint "$s") up (not started from this checkout)"
    elif port_open "${port[$s]}"; then
      say "${name[$s]} $(endpoint "$s") down: port ${port[$s]} is taken by a program that does not answer as the emulator"
      down=1
    else
      say "${name[$s]} $(endpoint "$s") down"
      down=1
    fi
  done
  [ $down -eq 0 ] || return 3
}

reset() {
  stop
  rm -rf "$state/s3" "$state/dynamodb"
  say "deleted the stored S3 objects and DynamoDB tables (.cloud-local/s3, .cloud-local/dynamodb)"
}

case "${1:-}" in
  install|start|stop|status|reset) "$1" ;;
  *) echo "usage: $0 install|start|stop|status|reset" >&2; exit 2 ;;
esac
