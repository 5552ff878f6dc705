#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vmm-demo.sh: the demo's second half, run by "make demo" after "irqwire
# demo": Debian's unmodified QEMU boots the test guest (selftests/guest)
# with a virtio-blk disk on an iothread, once on KVM and once under
# "irqwire run", and prints the guest's requests and interrupts beside
# the path irqwire's tracepoints saw each completion and kick take.
# Run from the project root, as root, with irqwire loaded.
set -u
guest=build/selftests/irqwire/vmm_guest.elf
tool=build/tools/irqwire
tr=/sys/kernel/tracing
requests=${IRQWIRE_DEMO_REQUESTS:-32}

# run_vm LABEL [PREFIX...]: one boot; fails unless the guest's checks pass
run_vm() {
	local label=$1 disk out rc line
	shift
	disk=$(mktemp)
	truncate -s 1M "$disk"
	echo 1 > "$tr/events/irqwire/enable"
	: > "$tr/trace"
	out=$("$@" qemu-system-x86_64 -accel kvm -M pc -m 64 -nodefaults \
		-display none -serial stdio -no-reboot \
		-device isa-debug-exit,iobase=0xf4,iosize=4 \
		-kernel "$guest" -append "test=blk requests=$requests" \
		-object iothread,id=io0 \
		-drive "file=$disk,if=none,id=d0,format=raw" \
		-device virtio-blk-pci,drive=d0,iothread=io0,disable-legacy=on \
		</dev/null 2>&1)
	rc=$?
	echo 0 > "$tr/events/irqwire/enable"
	rm -f "$disk"
	line=$(grep -a '^blk requests=' <<<"$out")
	printf '%-16s %s\n' "$label" "${line:-no result}"
	printf '%-16s irqwire: irqfd fast path %d, slow path %d, doorbell hits %d\n' "" \
		"$(grep -c 'path=irqfd_fast' "$tr/trace")" \
		"$(grep -c 'path=irqfd_slow' "$tr/trace")" \
		"$(grep -c 'irqwire_ioeventfd_write:.*hit=1' "$tr/trace")"
	# isa-debug-exit: 1 means the guest wrote 0, every check passed
	[ "$rc" = 1 ] || { echo "$out" | tail -n 5; return 1; }
}

echo
echo "QEMU $(qemu-system-x86_64 --version | head -n 1 | awk '{print $4}'), virtio-blk on an iothread, $requests sectors written and read back:"
run_vm "on KVM" || exit 1
run_vm "irqwire run" "$tool" run -- || exit 1
