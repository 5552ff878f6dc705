#!/usr/bin/awk -f
# SPDX-License-Identifier: GPL-2.0
#
# Reads one kernel's lane output and prints what the reliability tests
# did there: ioctls fuzzed, race scenarios and their seconds, unload
# cycles, and whether the kernel log was clean (run.sh says when not).
/fuzz_test\.c:[0-9]+:.*:[0-9]+ ioctls;/ {
	match($0, /:[0-9]+ ioctls;/)
	fuzzed += substr($0, RSTART + 1) + 0
}
/race_test\.c:[0-9]+:.*:[0-9]+ s: / {
	line = $0; sub(/.*:[a-z_]+:/, "", line); races++; race_s += line + 0
}
/unload_test\.c:[0-9]+:.*, [0-9]+ cycles$/ {
	cycles += $(NF - 1)
}
/kernel log has splats/ { splats = 1 }
END {
	printf "%d ioctls fuzzed, %d race scenarios (%d s), %d unload cycles, kernel log %s\n",
	       fuzzed, races, race_s, cycles, splats ? "HAS SPLATS" : "clean"
}
