#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Prints, one per line and oldest first, every installed kernel version
# that irqwire can build for and boot: /boot/vmlinuz-V together with
# /lib/modules/V/build. Versions are discovered, never hard-coded, because
# Debian bumps the ABI number with every point release.
for img in /boot/vmlinuz-*; do
	[ -e "$img" ] || continue
	v=${img#/boot/vmlinuz-}
	[ -d "/lib/modules/$v/build" ] && echo "$v"
done | sort -V
