#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scan-log.sh DMESG [CONSOLE]: fails and prints the offending lines if the
# guest kernel log has any splat. The console is scanned too (only kernel
# lines, which start with "[") for what happened after dmesg was saved.
set -u
splat='WARNING:|BUG[: ]|Oops|KASAN|KFENCE|UBSAN|lockdep is turned off|possible recursive locking|circular locking|inconsistent lock state|suspicious RCU usage|sleeping function called from invalid context|refcount_t|suspected memory leak|ODEBUG|general protection fault|Kernel panic|stack-protector|INFO: task .* blocked|rcu_sched self-detected stall|rcu: INFO'

dmesg_log=$1 console=${2:-}
if [ ! -s "$dmesg_log" ]; then
	echo "scan-log: $dmesg_log is missing or empty"
	exit 1
fi
hits=$( { cat "$dmesg_log"; [ -n "$console" ] &&
	tr -d '\r' < "$console" | grep -a '^\['; } |
	grep -aE "$splat" | sort -u)
if [ -n "$hits" ]; then
	echo "scan-log: kernel splats:"
	printf '%s\n' "$hits" | sed 's/^/scan-log:   /'
	exit 1
fi
exit 0
