#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# guest.sh MODE: what the test VM runs, chrooted into the host's root with
# the project tree as the current directory. MODE is "check" (all
# selftests), "demo" (the irqwire demo) or "shell" (an interactive shell,
# for debugging with tools/vm/run.sh -i).
set -u
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/tmp TMPDIR=/tmp

mode=${1:-check}
kver=$(uname -r)
ko=build/$kver/irqwire.ko

say() { echo "guest: $*"; }

modprobe kvm_amd || { say "kvm_amd does not load: no SVM in this VM?"; exit 1; }
[ -c /dev/kvm ] || { say "no /dev/kvm"; exit 1; }
insmod "$ko" || { say "insmod $ko failed"; exit 1; }

case $mode in
check) selftests/run_tests.sh; rc=$? ;;
demo)  build/tools/irqwire demo; rc=$? ;;
shell) /bin/bash -i; rc=$? ;;
script) bash build/vm/script.sh; rc=$? ;;
*)     say "unknown mode $mode"; rc=2 ;;
esac

# Every handle is closed by now: the module must unload.
if ! rmmod irqwire; then
	say "rmmod irqwire failed after the run"
	rc=1
fi
exit $rc
