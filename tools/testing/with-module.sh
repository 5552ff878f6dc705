#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# with-module.sh MODE: loads KVM's vendor module and the freshly built
# build/$(uname -r)/irqwire.ko, runs MODE, then unloads irqwire (which must
# succeed: every handle is closed by then). Used inside the test VM (by
# tools/testing/vm/init) and natively (make check NATIVE=1). Run from the project
# root, as root.
#
# MODE: "check" (all selftests, TAP), "demo" (irqwire demo, then
# vmm-demo.sh: QEMU on KVM and on irqwire), "bench"
# (irqwire bench in the clock IRQWIRE_CLOCK names, the cases
# IRQWIRE_BENCH_ONLY lists; JSON in build/bench/), "shell" (an
# interactive shell, with tools/testing/vm/run.sh -i) or "script" (runs
# build/vm/script.sh, a scratch file for debugging without a terminal).
set -u
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

mode=${1:-check}
ko=build/$(uname -r)/irqwire.ko

say() { echo "with-module: $*"; }

if grep -qw svm /proc/cpuinfo; then vendor=kvm_amd
elif grep -qw vmx /proc/cpuinfo; then vendor=kvm_intel
else say "this CPU has neither SVM nor VMX: no KVM here"; exit 1
fi
# KVM on PREEMPT_RT needs constant_tsc, which TCG's CPU cannot report
# (tools/testing/vm/constant-tsc/lane_constant_tsc.c)
if uname -v | grep -qw PREEMPT_RT && ! grep -qw constant_tsc /proc/cpuinfo; then
	insmod "build/$(uname -r)/lane/lane_constant_tsc.ko" ||
		{ say "insmod lane_constant_tsc failed"; exit 1; }
fi
# built into the debug kernel
[ -d "/sys/module/$vendor" ] || modprobe "$vendor" ||
	{ say "modprobe $vendor failed"; exit 1; }
[ -c /dev/kvm ] || { say "no /dev/kvm after loading $vendor"; exit 1; }
if lsmod | grep -qw '^irqwire'; then
	say "irqwire is already loaded: unload it to test $ko"
	exit 1
fi
if ! insmod "$ko"; then
	say "insmod $ko failed:"
	dmesg | grep -w irqwire | tail -n 5
	exit 1
fi

# unload_test unloads and reloads the module itself
export IRQWIRE_KO=$PWD/$ko

# The debug kernel (KASAN, lockdep, kmemleak) runs everything about ten
# times slower under TCG: the long loops run shorter there.
if [ -e /sys/kernel/debug/kmemleak ]; then
	export IRQWIRE_PINGPONG_ROUNDS=${IRQWIRE_PINGPONG_ROUNDS:-5000}
	export IRQWIRE_FUZZ_CALLS=${IRQWIRE_FUZZ_CALLS:-100000}
	export IRQWIRE_UNLOAD_CYCLES=${IRQWIRE_UNLOAD_CYCLES:-20}
	export IRQWIRE_RACE_SECONDS=${IRQWIRE_RACE_SECONDS:-5}
	export IRQWIRE_SOAK_SECONDS=${IRQWIRE_SOAK_SECONDS:-10}
	export IRQWIRE_VMM_BASELINES=${IRQWIRE_VMM_BASELINES:-0}
fi

case $mode in
check)	selftests/run_tests.sh; rc=$?
	tools/testing/vm/kmemleak-check.sh irqwire || rc=1 ;;
demo)	build/tools/irqwire demo && tools/testing/vmm-demo.sh; rc=$? ;;
bench)	mkdir -p build/bench
	clock=${IRQWIRE_CLOCK:-time} only=${IRQWIRE_BENCH_ONLY:-}
	build/tools/irqwire bench --clock "$clock" ${only:+--only "$only"} \
		--json "build/bench/$(uname -r)-$clock${only:+-${only//,/-}}.json"
	rc=$? ;;
shell)	/bin/bash -i; rc=$? ;;
script)	bash build/vm/script.sh; rc=$? ;;
*)	say "unknown mode $mode"; rc=2 ;;
esac

if ! rmmod irqwire; then
	say "rmmod irqwire failed after the run"
	rc=1
fi
exit $rc
