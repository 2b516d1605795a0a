#!/bin/sh
# A run stopped (SIGKILL) at each commit point of its output set (every
# file of the new set complete, provenance written, before the swap, after
# the swap, after the previous set is removed: ACTBENCH_TEST_KILL_AT=K)
# leaves the output folder holding exactly the previous set or exactly the
# new one, never a mix; the next run removes what the stopped one left
# beside it, and says so.  Two kinds of run: a new accuracy set replacing
# an old one, and a speed-only run keeping the previous accuracy files.
# Usage: crash_consistency_test.sh ACTBENCH_BINARY
set -u
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# every entry of a folder (hidden ones too) with its checksum
listing() { (cd "$1" && for f in $(ls -A); do printf '%s ' "$f"; cksum <"$f"; done); }
names() { (cd "$1" && ls -A); }

# is_new_set DIR PID DETERMINISTIC_FILES KEPT_FILES: DIR/out has the new
# set's files, its deterministic ones as the reference run wrote them, the
# kept ones as the old set had them, and provenance.txt names run PID for
# every other file
is_new_set() {
    [ "$(names "$1/out")" = "$(names "$1/ref")" ] || return 1
    for f in $3; do cmp -s "$1/out/$f" "$1/ref/$f" || return 1; done
    for f in $4; do
        cmp -s "$1/out/$f" "$1/old/$f" || return 1
        grep -q "^$f	.*pid $2\$" "$1/out/provenance.txt" && return 1
    done
    for f in $(names "$1/out"); do
        case " $4 " in *" $f "*) continue ;; esac
        grep -q "^$f	.*pid $2\$" "$1/out/provenance.txt" || return 1
    done
}

# scenario NAME OLD_ARGS NEW_ARGS DETERMINISTIC_FILES KEPT_FILES
#   the old set from OLD_ARGS, the new one from NEW_ARGS (a reference run
#   of NEW_ARGS over a copy of the old set gives the new set's names and its
#   deterministic files); KEPT_FILES come from the old set into the new.
scenario() {
    name=$1 old_args=$2 new_args=$3 same_files=$4 kept_files=$5
    dir="$work/$name"
    mkdir -p "$dir"
    # shellcheck disable=SC2086
    "$bin" $old_args -o "$dir/old" >/dev/null 2>&1 || { fail "$name: the old set's run"; return; }
    listing "$dir/old" >"$dir/old.listing"
    cp -a "$dir/old" "$dir/ref"
    # shellcheck disable=SC2086
    "$bin" $new_args -o "$dir/ref" >/dev/null 2>&1 || { fail "$name: the reference run"; return; }
    olds=0 news=0 k=1 left=
    while [ "$k" -le 40 ]; do
        rm -rf "$dir/out"
        cp -a "$dir/old" "$dir/out"
        # shellcheck disable=SC2086
        ACTBENCH_TEST_KILL_AT=$k "$bin" $new_args -o "$dir/out" >/dev/null 2>"$dir/log" &
        pid=$!
        wait "$pid"
        status=$?
        if [ -n "$left" ]; then
            if grep -q "removed .*$left, left by an interrupted run" "$dir/log" &&
                [ ! -e "$dir/$left" ]; then :
            else fail "$name: k=$k: the run did not remove $left left by the previous stop"; fi
        fi
        left=$(ls -A "$dir" | grep '^\.out\.' | head -n 1)
        [ "$status" -eq 0 ] && break
        point=$(sed -n 's/^actbench: stopped by ACTBENCH_TEST_KILL_AT=[0-9]*: //p' "$dir/log")
        if [ "$status" -ne 137 ] || [ -z "$point" ]; then
            fail "$name: k=$k: exit $status, not stopped at a commit point"
            sed 's/^/    /' "$dir/log" | tail -n 5
            break
        fi
        if listing "$dir/out" | cmp -s - "$dir/old.listing"; then
            olds=$((olds + 1))
            echo "ok: $name: stopped at point $k ($point): the old set, byte for byte"
        elif is_new_set "$dir" "$pid" "$same_files" "$kept_files"; then
            news=$((news + 1))
            echo "ok: $name: stopped at point $k ($point): the new set (every file of this run" \
                 "from pid $pid, the kept ones byte for byte)"
        else
            fail "$name: stopped at point $k ($point): neither the old set nor the new one"
            listing "$dir/out" | sed 's/^/    now: /'
            sed 's/^/    old: /' "$dir/old.listing"
        fi
        k=$((k + 1))
    done
    [ "$status" -eq 0 ] || fail "$name: the run never finished (last exit $status)"
    if [ "$olds" -gt 0 ] && [ "$news" -gt 0 ]; then
        echo "ok: $name: $((k - 1)) commit points: $olds left the old set, $news the new one"
    else fail "$name: $((k - 1)) commit points: $olds old, $news new (both must occur)"; fi
    [ "$(names "$dir/out")" = "$(names "$dir/ref")" ] || fail "$name: the finished run's files differ"
    if ls -A "$dir" | grep -q '^\.out\.' || ls -A "$dir/out" | grep -q '^\.'; then
        fail "$name: leftovers after the finished run: $(ls -A "$dir" "$dir/out" | grep '^\.' | tr '\n' ' ')"
    fi
}

scenario accuracy "-A relu --quick --accuracy-only --seed 1" \
    "-A relu --quick --accuracy-only --seed 2" "accuracy.csv profile.csv failures.csv" ""
scenario speed_only "-A relu --quick --modes throughput --budget 0.002" \
    "-A relu --speed-only --modes throughput --budget 0.002" "" \
    "accuracy.csv profile.csv failures.csv"

echo "crash_consistency_test: $failures failures"
[ "$failures" -eq 0 ]
