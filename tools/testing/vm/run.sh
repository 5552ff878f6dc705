#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh [-i] KVER MODE: boot kernel KVER (tools/testing/kernels.sh) under QEMU TCG (-cpu max
# emulates SVM, so kvm_amd works inside), run tools/testing/with-module.sh MODE there
# and exit with its status. The host root is shared read-only and the
# project tree read-write over virtio-9p, so the VM needs no image. MODE
# is one of tools/testing/with-module.sh.
#
# Fails (non-zero) when the guest fails, when the VM crashes or hangs (the
# console tail is shown), or when the guest kernel log has any splat.
# -i: interactive, the console on this terminal (MODE is usually "shell").
#
# Environment: IRQWIRE_VM_TIMEOUT (seconds per boot, default 1800; 4800
# for the debug kernel),
# IRQWIRE_VM_MEM (default 2G), IRQWIRE_VM_APPEND (extra kernel arguments),
# IRQWIRE_VM_CLOCK ("time", the default, or "instructions": the VM's clock
# counts instructions, see below; MODE sees it as IRQWIRE_CLOCK),
# IRQWIRE_BENCH_ONLY (bench mode: the cases to run, comma-separated).
set -euo pipefail

interactive=0
if [ "${1:-}" = -i ]; then interactive=1; shift; fi
kver=$1 mode=$2
proj=$(cd "$(dirname "$0")/../../.." && pwd)
here=$proj/tools/testing/vm
out=build/vm/$kver
outdir=$proj/$out
# A hang detector, not a speed limit: a full check takes 12-15 min on a
# Debian kernel and 40-48 min on the debug kernel (ten times slower),
# longer when another VM shares the two cores.
case $kver in
*-irqwire-debug) timeout=${IRQWIRE_VM_TIMEOUT:-4800} ;;
*) timeout=${IRQWIRE_VM_TIMEOUT:-1800} ;;
esac

[ -f "$proj/build/$kver/irqwire.ko" ] || {
	echo "run.sh: build/$kver/irqwire.ko missing: run make first" >&2
	exit 1
}
mkdir -p "$outdir"
initrd=$outdir/initramfs.cpio
if [ ! -f "$initrd" ] || [ "$here/init" -nt "$initrd" ] ||
   [ "$here/mkinitramfs.sh" -nt "$initrd" ]; then
	"$here/mkinitramfs.sh" "$kver" "$initrd"
fi
console=$outdir/console.log
rm -f "$console" "$outdir/dmesg.log"

append="console=ttyS0 panic=-1 mitigations=off printk.time=1 loglevel=5"
# Allocator checks for every mode but bench, whose numbers they would
# skew (stack traces and poisoning on every allocation);
# IRQWIRE_VM_DEBUG=0/1 overrides.
debug=${IRQWIRE_VM_DEBUG:-$([ "$mode" = bench ] && echo 0 || echo 1)}
if [ "$debug" = 1 ]; then
	append+=" slub_debug=FZPU"
	# KFENCE only exists in some configs (Debian 6.12 has it, 6.1 does not).
	grep -q '^CONFIG_KFENCE=y' "$("$proj/tools/testing/kernels.sh" --config "$kver")" 2>/dev/null &&
		append+=" kfence.sample_interval=1"
fi
# The debug kernel's ACPI interpreter is so slow under TCG that evaluating
# the PCI interrupt routing (_PRT) hits ACPICA's loop timeout and virtio
# loses its interrupt: route PCI interrupts from the MP table instead.
case $kver in *-irqwire-debug) append+=" acpi=noirq" ;; esac
append+=" ${IRQWIRE_VM_APPEND:-}"
clock=${IRQWIRE_VM_CLOCK:-time}
append+=" IRQWIRE_PROJ=$proj IRQWIRE_MODE=$mode IRQWIRE_OUT=$out IRQWIRE_CLOCK=$clock"
[ -n "${IRQWIRE_BENCH_ONLY:-}" ] && append+=" IRQWIRE_BENCH_ONLY=$IRQWIRE_BENCH_ONLY"

# Instruction mode: one nanosecond of the VM's clock (and of the guests it
# runs) per instruction executed, whatever the host's load, so irqwire
# bench repeats within 0.5 %. One vCPU: Debian's 6.1 never finishes
# bringing up a second one under -icount (the AP parks at one address
# while the BSP waits; 6.12's bring-up works), and both kernels run the
# same machine so that their figures compare.
cpus=(-smp 2)
case $clock in
time) ;;
instructions) cpus=(-smp 1 -icount shift=0,sleep=off) ;;
*) echo "run.sh: IRQWIRE_VM_CLOCK=$clock: time or instructions" >&2; exit 2 ;;
esac

qemu=(qemu-system-x86_64 -accel tcg,thread=${IRQWIRE_TCG_THREAD:-single} -cpu max "${cpus[@]}"
	-m "${IRQWIRE_VM_MEM:-2G}" -no-reboot -display none -monitor none
	-kernel "$("$proj/tools/testing/kernels.sh" --image "$kver")" -initrd "$initrd"
	-append "$append"
	-virtfs "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap"
	-virtfs "local,path=$proj,mount_tag=irqwire,security_model=none,multidevs=remap")

if [ $interactive = 1 ]; then
	exec "${qemu[@]}" -serial mon:stdio
fi

# The console goes to a file (CI has no terminal and no stdin); it is
# echoed live without the kernel's own lines, which start with "[".
timeout --signal=KILL "$timeout" "${qemu[@]}" -serial "file:$console" \
	</dev/null >"$outdir/qemu.log" 2>&1 &
qpid=$!
touch "$console"
tail -n +1 -F --pid=$qpid "$console" 2>/dev/null | sed -u 's/\r$//' |
	grep --line-buffered -v '^\[' || true
qrc=0
wait $qpid || qrc=$?

exit_line=$(tr -d '\r' < "$console" | grep -a '^IRQWIRE-EXIT=' | tail -n 1 || true)
if [ -z "$exit_line" ]; then
	if [ $qrc = 137 ]; then
		echo "vm: $kver: timed out after ${timeout}s; console tail:"
	else
		echo "vm: $kver: died (qemu status $qrc); console tail:"
	fi
	tail -n 40 "$console" | sed 's/^/vm:   /'
	sed 's/^/vm: qemu: /' "$outdir/qemu.log"
	exit 1
fi
rc=${exit_line#IRQWIRE-EXIT=}

if ! "$here/scan-log.sh" "$outdir/dmesg.log" "$console"; then
	echo "vm: $kver: kernel log has splats (see $out/dmesg.log)"
	[ "$rc" = 0 ] && rc=1
fi
exit "$rc"
