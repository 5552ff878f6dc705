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
cd "$BASE_DIR/irqwire"
run_many $(sed 's|[^ ][^ ]*|./&|g' tests.list)
