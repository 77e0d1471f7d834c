#!/bin/bash
# Serves the corpus with two builds of resgraph in turn, ROUNDS times, and
# prints for each run: the snapshot's build, the live heap, RSS and
# anonymous memory idle and under load, the GC cycles under load (mark CPU
# and wall time per cycle, from GODEBUG=gctrace=1) and wrk's latency for
# the first question of the corpus benchmark (sg.lua). docs/performance.md
# ("The read model and the garbage collector") has the figures.
#
#	go build -o /tmp/rg-after ./cmd/resgraph      # and /tmp/rg-before from the base commit
#	resgraph load -db /tmp/corpus.db ../shared/corpus
#	BEFORE=/tmp/rg-before AFTER=/tmp/rg-after DB=/tmp/corpus.db docs/bench/readmodel/measure.sh
set -u
BEFORE=${BEFORE:?the binary before} AFTER=${AFTER:?the binary after} DB=${DB:?the bolt store of the corpus}
PORT=${PORT:-19420} ROUNDS=${ROUNDS:-3} OUT=${OUT:-$(mktemp -d)}
LUA=$(dirname "$0")/sg.lua
URL=http://127.0.0.1:$PORT
mkdir -p "$OUT"; echo "logs in $OUT"
for round in $(seq $ROUNDS); do
for v in before after; do
  bin=$AFTER; [ $v = before ] && bin=$BEFORE
  log=$OUT/$v-$round.log
  t0=$(date +%s.%N)
  GODEBUG=gctrace=1 $bin serve -db $DB -read-only -cache 0 -addr 127.0.0.1:$PORT > $log 2>&1 &
  pid=$!
  until curl -sf $URL/healthz >/dev/null; do
    kill -0 $pid 2>/dev/null || { echo "$bin serve exited: $log"; exit 1; }
    sleep 0.2
  done
  t1=$(date +%s.%N)
  sleep 3
  idle_rss=$(awk '/^Rss:/{print $2}' /proc/$pid/smaps_rollup); idle_anon=$(awk '/^Anonymous:/{print $2}' /proc/$pid/smaps_rollup)
  idle_live=$(grep -E '^gc [0-9]+ ' $log | tail -1 | sed -E 's/.* ([0-9]+)->([0-9]+)->([0-9]+) MB.*/\3/')
  wrk -t1 -c50 -d5s -s $LUA $URL/graphql > /dev/null
  n0=$(grep -cE '^gc [0-9]+ ' $log)
  wrk -t1 -c50 -d15s --latency -s $LUA $URL/graphql > $OUT/$v-$round.wrk
  n1=$(grep -cE '^gc [0-9]+ ' $log)
  load_rss=$(awk '/^Rss:/{print $2}' /proc/$pid/smaps_rollup); load_anon=$(awk '/^Anonymous:/{print $2}' /proc/$pid/smaps_rollup)
  cpu=$(awk '{print $14+$15}' /proc/$pid/stat)
  kill $pid; wait $pid 2>/dev/null
  built=$(grep -o "took=.*" $log | head -1)
  # gc lines of the measured 15 s: "d+e/f/g+h ms cpu": mark CPU is e+f+g; live after mark is the third of X->Y->Z MB
  gcs=$(grep -E '^gc [0-9]+ ' $log | sed -n "$((n0+1)),$((n1))p")
  cycles=$((n1-n0))
  mark=$(echo "$gcs" | sed -E 's/.*, ([0-9.]+)\+([0-9.]+)\/([0-9.]+)\/([0-9.]+)\+([0-9.]+) ms cpu.*/\2 \3 \4/' | awk 'NF==3{s+=$1+$2+$3; n++; if($1+$2+$3>m)m=$1+$2+$3} END{if(n) printf "%.1f avg / %.1f max", s/n, m; else print "-"}')
  wall=$(echo "$gcs" | sed -E 's/.*: ([0-9.]+)\+([0-9.]+)\+([0-9.]+) ms clock.*/\2/' | awk 'NF==1{s+=$1;n++} END{if(n) printf "%.1f", s/n; else print "-"}')
  live=$(echo "$gcs" | sed -E 's/.* ([0-9]+)->([0-9]+)->([0-9]+) MB.*/\3/' | awk 'NF==1{s+=$1;n++} END{if(n) printf "%.0f", s/n; else print "-"}')
  lat=$(awk '/^     50%/{p50=$2} /^     99%/{p99=$2} /Requests\/sec/{r=$2} END{print "p50 " p50 ", p99 " p99 ", " r " req/s"}' $OUT/$v-$round.wrk)
  printf "%-6s round %d: ready %.1fs (%s); idle: live %s MB, RSS %d MB, anon %d MB | wrk: %s | GC under load: %d cycles, mark CPU %s ms/cycle, mark wall %s ms, live %s MB | under load: RSS %d MB, anon %d MB; load %s\n" \
    $v $round $(echo "$t1 - $t0" | bc) "$built" "$idle_live" $((idle_rss/1024)) $((idle_anon/1024)) "$lat" $cycles "$mark" "$wall" "$live" $((load_rss/1024)) $((load_anon/1024)) "$(cut -d' ' -f1 /proc/loadavg)"
  sleep 2
done
done
