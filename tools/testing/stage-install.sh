#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# stage-install.sh KVER...: the host half of the install tests, run by
# "make check" before the VMs start; the VM half is selftests/install_test.c.
# Nothing is installed on this host: everything goes to build/staged/.
#
# 1. make install DESTDIR=build/staged/root PREFIX=/usr: every expected
#    file is there and nothing else; make uninstall removes every file;
#    then installed again, for the VM to use from its PATH.
# 2. DKMS, as Debian's dkms would on a kernel update: dkms add, build and
#    install from a copy of the source tree, for each Debian kernel, with
#    DKMS's tree, source tree, install tree and signing key all under
#    build/staged/dkms (the host's /var/lib/dkms and /lib/modules are
#    never touched); the VM loads the result with modprobe.
set -euo pipefail
proj=$(cd "$(dirname "$0")/../.." && pwd)
out=$proj/build/staged
root=$out/root
kvers=("$@")

say() { echo "stage-install: $*"; }
fail() { say "FAILED: $*"; exit 1; }

rm -rf "$out"
mkdir -p "$root"

# --- make install / uninstall ---
expected() {
	local v s
	echo usr/bin/irqwire
	echo usr/include/linux/irqwire.h
	echo usr/lib/irqwire/libirqwire-preload.so
	echo usr/libexec/irqwire/irqwire-bench
	echo usr/libexec/irqwire/irqwire-demo
	for s in "$proj"/tools/bpftrace/*.bt; do
		echo "usr/share/irqwire/bpftrace/${s##*/}"
	done
	echo usr/share/man/man8/irqwire.8
	for v in "${kvers[@]}"; do echo "lib/modules/$v/updates/irqwire.ko"; done
}
installed() { (cd "$root" && find . -type f -printf '%P\n'); }

make -s -C "$proj" install-run DESTDIR="$root" PREFIX=/usr KVERS="${kvers[*]}" \
	> "$out/install.log" 2>&1 || { cat "$out/install.log"; fail "make install"; }
diff <(expected | sort) <(installed | sort) ||
	fail "make install: the files above differ from the expected ones"
n=$(installed | wc -l)
make -s -C "$proj" uninstall DESTDIR="$root" PREFIX=/usr KVERS="${kvers[*]}" \
	> "$out/uninstall.log" 2>&1 || { cat "$out/uninstall.log"; fail "make uninstall"; }
left=$(installed)
[ -z "$left" ] || fail "make uninstall left: $left"
make -s -C "$proj" install-run DESTDIR="$root" PREFIX=/usr KVERS="${kvers[*]}" \
	> "$out/install.log" 2>&1 || { cat "$out/install.log"; fail "make install again"; }
say "make install: $n files as expected, make uninstall removed all of them"

# --- DKMS ---
version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$proj/dkms.conf")
dk=$out/dkms
src=$dk/src/irqwire-$version
mkdir -p "$dk/tree" "$src"
# the source tree as a user has it: no build products
rsync -a --exclude=/build --exclude=/.git "$proj/" "$src/"
# signing key and certificate of this test only (dkms makes them if missing)
export mok_signing_key=$dk/mok.key mok_certificate=$dk/mok.pub
opts=(--dkmstree "$dk/tree" --sourcetree "$dk/src" --installtree "$dk/install")
dkms add "irqwire/$version" "${opts[@]}" > "$dk/add.log" 2>&1 ||
	{ cat "$dk/add.log"; fail "dkms add"; }
for v in "${kvers[@]}"; do
	mkdir -p "$dk/install/$v"
	if ! dkms build "irqwire/$version" -k "$v" "${opts[@]}" > "$dk/build-$v.log" 2>&1 ||
	   ! dkms install "irqwire/$version" -k "$v" --no-depmod "${opts[@]}" \
		> "$dk/install-$v.log" 2>&1; then
		cat "$dk/build-$v.log" "$dk/install-$v.log" 2>/dev/null
		fail "dkms build/install for $v"
	fi
	# compressed as the kernel's own modules are (6.12: .ko.xz)
	ls "$dk/install/$v/updates/dkms/"irqwire.ko* > /dev/null 2>&1 ||
		fail "dkms install put no irqwire.ko in $dk/install/$v/updates/dkms"
done
say "dkms add, build, install: irqwire $version for ${kvers[*]}"
