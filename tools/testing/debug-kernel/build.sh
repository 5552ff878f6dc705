#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build.sh: builds the reliability lane's debug kernel from Debian's
# linux-source-6.1: tinyconfig + tools/testing/debug-kernel/debug.config (lockdep,
# KASAN, kmemleak, debug objects, KVM built in). The result is cached in
# $IRQWIRE_CACHE/debug-kernel/<key> (key: the config fragment, this script
# and the source package version) and $IRQWIRE_CACHE/debug-kernel/current
# points at the newest. Nothing is rebuilt when the key is unchanged.
# Takes about 10 minutes on 2 cores the first time.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${IRQWIRE_CACHE:-/var/cache/irqwire}
tarball=/usr/src/linux-source-6.1.tar.xz
fragment=$here/debug.config

[ -f "$tarball" ] || { echo "debug-kernel: $tarball missing (run tools/testing/setup.sh)" >&2; exit 1; }
srcver=$(dpkg-query -W -f '${Version}' linux-source-6.1)
key=$( { cat "$fragment" "$0"; echo "$srcver"; } | sha256sum | cut -c1-16)
dir=$cache/debug-kernel/$key
stamp=$dir/.irqwire-built

if [ -f "$stamp" ]; then
	ln -sfn "$key" "$cache/debug-kernel/current"
	exit 0
fi

echo "debug-kernel: building $key (linux-source-6.1 $srcver); log: $dir.log"
rm -rf "$dir" "$dir.tmp"
mkdir -p "$dir.tmp"
tar -xf "$tarball" -C "$dir.tmp" --strip-components=1
(
	cd "$dir.tmp"
	make -s tinyconfig
	scripts/kconfig/merge_config.sh -m .config "$fragment" >/dev/null
	make -s olddefconfig
	# every option of the fragment must have survived olddefconfig
	sed -n 's/^\(CONFIG_[A-Z0-9_]*\)=\(.*\)/\1 \2/p' "$fragment" |
	while read -r opt val; do
		if [ "$val" = n ]; then
			grep -q "^$opt=" .config && { echo "debug-kernel: $opt is set" >&2; exit 1; }
		else
			grep -qx "$opt=$val" .config || { echo "debug-kernel: $opt=$val did not stick" >&2; exit 1; }
		fi
	done
	# Module.symvers for out-of-tree modules comes with "modules"
	make -j"$(nproc)" bzImage modules
) > "$dir.log" 2>&1 || { tail -n 30 "$dir.log" >&2; exit 1; }
mv "$dir.tmp" "$dir"
touch "$stamp"
ln -sfn "$key" "$cache/debug-kernel/current"
echo "debug-kernel: built $(make -s -C "$dir" kernelrelease)"
