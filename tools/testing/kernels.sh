#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# kernels.sh: prints, one per line, every kernel that irqwire can build for
# and boot in the VM lane: the debug kernel of tools/testing/debug-kernel/build.sh
# if it was built (first: it runs longest, and the lane starts kernels in
# this order), then each installed Debian kernel (/boot/vmlinuz-V together
# with /lib/modules/V/build), oldest first. Versions are discovered, never
# hard-coded, because Debian bumps the ABI number with every point release.
#
# kernels.sh --kdir V | --image V | --config V: the build tree, boot image
# or .config of kernel V.
cache=${IRQWIRE_CACHE:-/var/cache/irqwire}
debug=$cache/debug-kernel/current

case ${1:-} in
--kdir|--image|--config)
	case $2 in
	*-irqwire-debug)
		kdir=$debug image=$debug/arch/x86/boot/bzImage
		config=$debug/.config ;;
	*)
		kdir=/lib/modules/$2/build image=/boot/vmlinuz-$2
		config=/boot/config-$2 ;;
	esac
	case $1 in
	--kdir) echo "$kdir" ;;
	--image) echo "$image" ;;
	--config) echo "$config" ;;
	esac
	exit 0 ;;
esac

if [ -f "$debug/.irqwire-built" ]; then
	make -s -C "$debug" kernelrelease
fi
for img in /boot/vmlinuz-*; do
	[ -e "$img" ] || continue
	v=${img#/boot/vmlinuz-}
	[ -d "/lib/modules/$v/build" ] && echo "$v"
done | sort -V
