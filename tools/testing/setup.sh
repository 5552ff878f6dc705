#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Idempotent setup for irqwire on Debian 12: installs with apt only the
# packages that are missing, then prepares the Linux source tree whose
# kselftest harness, KVM selftest library and checkpatch.pl irqwire uses.
# Safe to run on every "make check"; a prepared machine costs ~1 s.
#
# Environment: IRQWIRE_CACHE (default /var/cache/irqwire) holds the
# extracted source, outside the repository.
set -euo pipefail

CACHE=${IRQWIRE_CACHE:-/var/cache/irqwire}
KSRC_PKG=linux-source-6.1

PACKAGES=(
	build-essential qemu-system-x86 busybox-static cpio rsync xz-utils
	kmod flex bison bc libelf-dev libssl-dev bpftrace sparse python3-docutils
	linux-image-amd64 linux-headers-amd64
	linux-image-6.12-amd64 linux-headers-6.12-amd64
	linux-image-6.12-rt-amd64 linux-headers-6.12-rt-amd64
	dkms
	"$KSRC_PKG"
)

log() { printf 'setup: %s\n' "$*" >&2; }

missing_packages() {
	local p
	for p in "${PACKAGES[@]}"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
			grep -q '^install ok installed$' || echo "$p"
	done
}

install_packages() {
	local missing
	mapfile -t missing < <(missing_packages)
	[ ${#missing[@]} -eq 0 ] && return 0
	log "installing: ${missing[*]}"
	if [ "$(id -u)" -ne 0 ]; then
		log "not root: run 'sudo $0' or install the packages above"
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >&2
	apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
}

# The kselftest harness, the KVM selftest library and checkpatch.pl come
# from Debian's linux-source-6.1; uapi headers from its headers_install.
prepare_source() {
	local ver dir stamp
	ver=$(dpkg-query -W -f='${Version}' "$KSRC_PKG")
	dir="$CACHE/$KSRC_PKG"
	stamp="$dir/.irqwire-prepared"
	[ -f "$stamp" ] && [ "$(cat "$stamp")" = "$ver" ] && return 0

	log "extracting $KSRC_PKG $ver into $CACHE"
	mkdir -p "$CACHE"
	rm -rf "$dir"
	tar -C "$CACHE" -xf "/usr/src/$KSRC_PKG.tar.xz"
	make -s -C "$dir" headers_install INSTALL_HDR_PATH="$dir/usr" >&2
	echo "$ver" > "$stamp"
}

install_packages
prepare_source
log "ready (source: $CACHE/$KSRC_PKG, kernels: $("$(dirname "$0")"/kernels.sh | tr '\n' ' '))"
