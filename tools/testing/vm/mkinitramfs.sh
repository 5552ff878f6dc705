#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# mkinitramfs.sh KVER OUT: a busybox initramfs that can mount the host's
# root over virtio-9p. It carries only busybox, tools/testing/vm/init and the 9p and
# virtio modules of KVER (decompressed: busybox insmod reads plain ELF);
# everything else comes from the host through 9p.
set -euo pipefail

kver=$1 out=$2
here=$(cd "$(dirname "$0")" && pwd)
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

mkdir -p "$root"/{bin,dev,proc,sys,root,modules}
cp /bin/busybox "$root/bin/busybox"
cp "$here/init" "$root/init"
chmod +x "$root/init"

# Dependency order from kmod; modules built into KVER print "builtin". A
# kernel without /lib/modules/KVER (the debug kernel) has them all built in.
touch "$root/modules/order"
[ -d "/lib/modules/$kver" ] &&
modprobe -a -S "$kver" --show-depends virtio_pci 9pnet_virtio 9p |
	awk '$1 == "insmod" && !seen[$2]++ { print $2 }' |
	while read -r ko; do
		name=$(basename "$ko")
		case "$ko" in
		*.xz)  xz -dc "$ko" > "$root/modules/${name%.xz}"; name=${name%.xz} ;;
		*.zst) zstd -qdc "$ko" > "$root/modules/${name%.zst}"; name=${name%.zst} ;;
		*)     cp "$ko" "$root/modules/$name" ;;
		esac
		echo "$name" >> "$root/modules/order"
	done

mkdir -p "$(dirname "$out")"
(cd "$root" && find . | cpio -o -H newc --quiet) > "$out.tmp"
mv "$out.tmp" "$out"
