#!/bin/sh
# Disk full: on small tmpfs file systems (0.8 to 2.24 times the size of
# one run's set, measured first, so that the ladder follows the set as
# implementations are added) a run whose new set does not fit beside the
# previous one exits 2 naming the file and "No space left on device",
# leaves the previous set byte for byte and nothing beside it.  Needs root
# and mount (exit 77, skipped, otherwise).
# Usage: disk_full_test.sh ACTBENCH_BINARY
set -u
bin=$1
if [ "$(id -u)" -ne 0 ] || ! command -v mount >/dev/null 2>&1; then
    echo "skipped: mounting a tmpfs needs root"
    exit 77
fi
work=$(mktemp -d)
mnt="$work/mnt"
mkdir "$mnt"
cleanup() {
    umount "$mnt" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
if ! mount -t tmpfs -o size=600k tmpfs "$mnt" 2>"$work/err"; then
    echo "skipped: cannot mount a tmpfs here: $(cat "$work/err")"
    exit 77
fi
umount "$mnt"
failures=0 full=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
listing() { (cd "$1" && for f in $(ls -A); do printf '%s ' "$f"; cksum <"$f"; done); }
run="-A relu --quick --accuracy-only"

# the size of one set, in KiB as du counts it on a disk
# shellcheck disable=SC2086
"$bin" $run --seed 1 -o "$work/one" >/dev/null 2>&1 || { echo "FAIL: a run outside the tmpfs"; exit 1; }
set_kib=$(du -sk "$work/one" | cut -f1)
rm -rf "$work/one"
sizes=
for factor in 80 96 112 128 144 160 176 192 208 224; do
    sizes="$sizes $((set_kib * factor / 100))"
done

for size in $sizes; do
    mount -t tmpfs -o "size=${size}k" tmpfs "$mnt" || { fail "mount size=${size}k"; continue; }
    # shellcheck disable=SC2086
    "$bin" $run --seed 1 -o "$mnt/out" >/dev/null 2>"$work/log"
    status=$?
    if [ "$status" -ne 0 ]; then
        # the first set does not fit either: an error, and no folder left
        if [ "$status" -eq 2 ] && grep -q "No space left on device" "$work/log" &&
            [ -z "$(ls -A "$mnt")" ]; then
            echo "ok: ${size} KiB: the first run does not fit: exit 2, nothing left: $(grep 'No space' "$work/log" | head -n 1)"
        else fail "${size} KiB: first run: exit $status, left $(ls -A "$mnt")"; cat "$work/log"; fi
        umount "$mnt"
        continue
    fi
    listing "$mnt/out" >"$work/old"
    # shellcheck disable=SC2086
    "$bin" $run --seed 2 -o "$mnt/out" >/dev/null 2>"$work/log"
    status=$?
    if [ "$status" -eq 0 ]; then
        if [ "$(ls -A "$mnt")" = out ] && ! listing "$mnt/out" | cmp -s - "$work/old"; then
            echo "ok: ${size} KiB: the new set fits beside the old one and replaces it"
        else fail "${size} KiB: a finished run left $(ls -A "$mnt")"; fi
    elif [ "$status" -eq 2 ] && grep -E -q "(\.csv|\.html[^:]*|\.json|\.txt): .*No space left on device" "$work/log" &&
        listing "$mnt/out" | cmp -s - "$work/old" && [ "$(ls -A "$mnt")" = out ]; then
        full=$((full + 1))
        echo "ok: ${size} KiB: exit 2, the previous set intact, nothing left beside it:" \
             "$(grep 'No space' "$work/log" | head -n 1)"
    else
        fail "${size} KiB: exit $status (want 2 with the file and 'No space left on device')," \
             "or the previous set changed, or leftovers: $(ls -A "$mnt")"
        cat "$work/log"
        listing "$mnt/out" | diff "$work/old" -
    fi
    umount "$mnt"
done
[ "$full" -gt 0 ] || fail "no size filled the disk"
echo "disk_full_test: $full disk-full runs, $failures failures"
[ "$failures" -eq 0 ]
