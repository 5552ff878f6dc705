#!/usr/bin/awk -f
# SPDX-License-Identifier: GPL-2.0
#
# Reads one kernel's lane output and prints what the reliability tests
# did there: ioctls fuzzed (and how many with a failed allocation),
# allocation failures injected by faults_test and in how many calls,
# race scenarios and their seconds, unload cycles, and whether the kernel
# log was clean (run.sh says when not).
/fuzz_test\.c:[0-9]+:.*:[0-9]+ ioctls;/ {
	match($0, /:[0-9]+ ioctls;/)
	fuzzed += substr($0, RSTART + 1) + 0
}
/fuzz_test\.c:[0-9]+:.*:[0-9]+ of them with an allocation failure injected/ {
	match($0, /:[0-9]+ of them/)
	fuzz_failed += substr($0, RSTART + 1) + 0
}
/faults_test\.c:[0-9]+:.*:[0-9]+ allocation failures injected in [0-9]+ calls/ {
	match($0, /:[0-9]+ allocation failures/)
	faults += substr($0, RSTART + 1) + 0
	match($0, /injected in [0-9]+ calls/)
	fault_calls += substr($0, RSTART + 12) + 0
}
/race_test\.c:[0-9]+:.*:[0-9]+ s: / {
	line = $0; sub(/.*:[a-z_]+:/, "", line); races++; race_s += line + 0
}
/unload_test\.c:[0-9]+:.*, [0-9]+ cycles$/ {
	cycles += $(NF - 1)
}
/kernel log has splats/ { splats = 1 }
END {
	printf "%d ioctls fuzzed (%d with a failed allocation), %d allocation failures injected in %d calls, %d race scenarios (%d s), %d unload cycles, kernel log %s\n",
	       fuzzed, fuzz_failed, faults, fault_calls, races, race_s, cycles,
	       splats ? "HAS SPLATS" : "clean"
}
