#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# lane.sh MODE KVER...: runs tools/testing/vm/run.sh MODE on every kernel ("native"
# instead of a kernel: runs MODE on this host, no VM) and ends with a
# "N passed, M failed" line per kernel and in total (for MODE=check,
# counting selftest cases; for other modes, one case per kernel). Exits
# non-zero if anything failed.
#
# Each TCG VM runs on one host thread, so IRQWIRE_LANE_JOBS kernels (default:
# the number of CPUs) run at once; their output is then shown per kernel as
# each finishes. With one job or one kernel the output is live.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
proj=$(cd "$here/../../.." && pwd)
mode=$1
shift
[ $# -gt 0 ] || { echo "lane: no kernels installed (run tools/testing/setup.sh)"; exit 1; }
jobs=${IRQWIRE_LANE_JOBS:-$(nproc)}

log_of() { echo "$proj/build/vm/$1/output.log"; }

# Runs MODE on one kernel; its output goes to stdout. Leaves "RC SECONDS"
# in the log's .status file.
run_kernel() {
	local kver=$1 start=$SECONDS rc
	if [ "$kver" = native ]; then
		(cd "$proj" && tools/testing/with-module.sh "$mode")
	else
		"$here/run.sh" "$kver" "$mode"
	fi
	rc=$?
	echo "$rc $((SECONDS - start))" > "$(log_of "$kver").status"
	return 0
}

for kver in "$@"; do
	mkdir -p "$(dirname "$(log_of "$kver")")"
	rm -f "$(log_of "$kver").status"
done

if [ "$jobs" -le 1 ] || [ $# -eq 1 ]; then
	for kver in "$@"; do
		echo "=== $mode on $kver"
		run_kernel "$kver" 2>&1 | tee "$(log_of "$kver")"
	done
else
	for kver in "$@"; do
		while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
			wait -n
		done
		echo "=== $mode on $kver: started (output: build/vm/$kver/output.log)"
		run_kernel "$kver" > "$(log_of "$kver")" 2>&1 &
	done
	wait
	for kver in "$@"; do
		echo "=== $mode on $kver"
		cat "$(log_of "$kver")"
	done
fi

tp=0 tf=0 ts=0 status=0
summary=()
for kver in "$@"; do
	log=$(log_of "$kver")
	read -r rc secs < "$log.status" 2>/dev/null || { rc=1 secs=0; }
	if [ "$mode" = check ]; then
		read -r p f s < <(awk -f "$here/tap-summary.awk" "$log")
		# a lane failure outside the tests (splat, crash) is a failure too
		[ "$rc" != 0 ] && [ "$f" = 0 ] && f=1
	else
		p=0 f=0 s=0
		if [ "$rc" = 0 ]; then p=1; else f=1; fi
	fi
	# the kselftest runner exits 0 whatever the tests did: count instead
	{ [ "$rc" != 0 ] || [ "$f" != 0 ]; } && status=1
	tp=$((tp + p)) tf=$((tf + f)) ts=$((ts + s))
	summary+=("$kver: $p passed, $f failed, $s skipped (${secs}s)")
	[ "$mode" = check ] &&
		summary+=("  $(awk -f "$here/reliability-summary.awk" "$log")"
			  "  $(awk -f "$here/slowest-summary.awk" "$log")")
done
echo "=== summary"
printf '%s\n' "${summary[@]}"
echo "total: $tp passed, $tf failed, $ts skipped"
exit $status
