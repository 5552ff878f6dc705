#!/usr/bin/awk -f
# SPDX-License-Identifier: GPL-2.0
#
# Reads one kernel's lane output and prints the three selftest programs
# that took longest (selftests/run_tests.sh's "irqwire-time" lines), so
# the CI job's time limit can be watched per lane.
/^# irqwire-time: [^ ]+ [0-9]+ s$/ {
	secs[$3] = $4
	total += $4
}
END {
	n = 0
	for (p in secs)
		n++
	if (!n)
		exit
	line = sprintf("programs: %d s in all; slowest:", total)
	for (i = 0; i < 3 && i < n; i++) {
		best = ""
		for (p in secs)
			if (best == "" || secs[p] > secs[best])
				best = p
		line = line sprintf(" %s %d s", best, secs[best])
		delete secs[best]
	}
	print line
}
