#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kmemleak-check.sh NAME: on a kernel with kmemleak (the debug kernel),
# scans for leaks and fails, printing the reports, if any report's
# backtrace names NAME (a module, e.g. irqwire) or has a frame that no
# longer resolves: the debug kernel has no other modules, so such a frame
# is code of an earlier, unloaded instance of NAME (unload_test reloads
# it). Elsewhere it does nothing.
set -u
kl=/sys/kernel/debug/kmemleak
name=$1

[ -e "$kl" ] || exit 0
# objects younger than 5 s are never reported; two scans confirm a leak
sleep 6
echo scan > "$kl" && echo scan > "$kl" || { echo "kmemleak: scan failed"; exit 1; }
reports=$(awk -v RS='unreferenced object' -v n="$name" \
	'NR > 1 && (index($0, n) || /\] 0x[0-9a-f]+/) {
		print "unreferenced object" $0 }' "$kl")
if [ -n "$reports" ]; then
	echo "kmemleak: leaks attributed to $name:"
	printf '%s\n' "$reports" | sed 's/^/kmemleak:   /'
	exit 1
fi
echo "kmemleak: no leak attributed to $name ($(grep -c '^unreferenced object' "$kl") reports elsewhere)"
exit 0
