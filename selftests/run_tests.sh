#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Runs every irqwire selftest with the kselftest runner (TAP 13 on stdout),
# in the VM lane or natively. Needs /dev/kvm and the module loaded; the
# tests skip, saying why, when either is missing.
# no "set -u": the kselftest runner reads unset variables
proj=$(cd "$(dirname "$0")/.." && pwd)
export BASE_DIR=$proj/build/selftests
[ -f "$BASE_DIR/irqwire/tests.list" ] || {
	echo "run_tests.sh: build the selftests first (make selftests)" >&2
	exit 1
}
. "$BASE_DIR/kselftest/runner.sh"

# Each program's seconds, as a TAP comment after its result: the CI job
# has a time limit, and the lane summary names the programs that use it.
eval "$(declare -f run_one | sed '1s/^run_one/kselftest_run_one/')"
run_one()
{
	local start=$SECONDS

	kselftest_run_one "$@"
	echo "# irqwire-time: $(basename "$2") $((SECONDS - start)) s"
}

cd "$BASE_DIR/irqwire"
run_many $(sed 's|[^ ][^ ]*|./&|g' tests.list)
