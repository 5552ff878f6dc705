#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check-manpage.sh TOOL MANPAGE: fails unless the man page (rst2man's
# roff, from Documentation/tool.rst) and "TOOL --help" list the same
# commands and the same exit codes, so neither can drift from the other.
set -euo pipefail
tool=$1 man=$2

help=$("$tool" --help)
# "  demo       inject MSIs ..." lines between "commands:" and the blank line
help_cmds=$(sed -n '/^commands:/,/^$/p' <<<"$help" | awk 'NF > 1 { print $1 }' | sort)
man_cmds=$(awk '$1 == ".SS" && $2 == "irqwire" { print $3 }' "$man" | sort)
# "Exit codes: 0 ok, 1 check failed, ..., 5 not found."
help_codes=$(sed -n '/^Exit codes:/,/\.$/p' <<<"$help" | grep -o '\b[0-9]\+ [a-z]' |
	awk '{ print $1 }' | sort -n)
# the first cell of each row of the EXIT STATUS table
man_codes=$(awk '/^\.SH/ { in_exit = ($2 == "EXIT") }
	in_exit && prev == "T{" && /^[0-9]+$/ { print }
	{ prev = $0 }' "$man" | sort -n)

status=0
if [ "$help_cmds" != "$man_cmds" ] || [ -z "$help_cmds" ]; then
	echo "check-manpage: commands differ: --help: $(echo $help_cmds); man: $(echo $man_cmds)" >&2
	status=1
fi
if [ "$help_codes" != "$man_codes" ] || [ -z "$help_codes" ]; then
	echo "check-manpage: exit codes differ: --help: $(echo $help_codes); man: $(echo $man_codes)" >&2
	status=1
fi
exit $status
