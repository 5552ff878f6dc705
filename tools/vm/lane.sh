#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# lane.sh MODE KVER...: runs tools/vm/run.sh MODE on every kernel in turn
# ("native" instead of a kernel: runs MODE on this host, no VM) and ends with a "N passed, M failed" line per kernel and in total (for
# MODE=check, counting selftest cases; for other modes, one case per
# kernel). Exits non-zero if anything failed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
proj=$(cd "$here/../.." && pwd)
mode=$1
shift
[ $# -gt 0 ] || { echo "lane: no kernels installed (run tools/setup.sh)"; exit 1; }

tp=0 tf=0 ts=0 status=0
summary=()
for kver in "$@"; do
	echo "=== $mode on $kver"
	log=$proj/build/vm/$kver/output.log
	mkdir -p "$(dirname "$log")"
	start=$SECONDS
	if [ "$kver" = native ]; then
		(cd "$proj" && tools/with-module.sh "$mode") | tee "$log"
	else
		"$here/run.sh" "$kver" "$mode" | tee "$log"
	fi
	rc=${PIPESTATUS[0]}
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
	summary+=("$kver: $p passed, $f failed, $s skipped ($((SECONDS - start))s)")
done
echo "=== summary"
printf '%s\n' "${summary[@]}"
echo "total: $tp passed, $tf failed, $ts skipped"
exit $status
