#!/usr/bin/awk -f
# SPDX-License-Identifier: GPL-2.0
#
# Counts test cases in the kselftest runner's TAP output: the harness's
# results one level down ("# ok N name", "# not ok N name"); a test program
# that failed without reporting any failed case (crash, timeout, missing)
# counts as one failure itself. Prints "PASSED FAILED SKIPPED".
/^# (not )?ok [0-9]+ / {
	if ($0 ~ /# SKIP/) skipped++
	else if ($2 == "ok") passed++
	else { failed++; prog_failed++ }
	next
}
/^# selftests: / { prog_failed = 0; next }
/^not ok [0-9]+ / { if (!prog_failed) failed++; next }
/^ok [0-9]+ .*# SKIP/ { if (!seen_case) skipped++; next }
END { printf "%d %d %d\n", passed, failed, skipped }
