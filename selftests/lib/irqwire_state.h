/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Everything irqwire holds for one VM, read back as one string, so that a
 * test can check that a call changed nothing (a rejected input, a failed
 * allocation): byte for byte.
 */
#ifndef IRQWIRE_STATE_H
#define IRQWIRE_STATE_H

/*
 * The routing table of the handle @fd (IRQWIRE_GET_GSI_ROUTING), the VM's
 * debugfs files and irqwire's IRQWIRE_INSPECT_VM records of the VM @vm_fd
 * (bound VM, irqfds with counters, doorbells with hits). A part that
 * cannot be read says so in the string. The caller free()s it.
 */
char *irqwire_state_snapshot(int fd, int vm_fd);

/*
 * The two numbers of the line that @fmt (two %d) matches in the debugfs
 * routes file of the VM bound by process @pid, e.g. "blocks=%d
 * block_sets=%d": 0, or -1 without debugfs, VM or line.
 */
int irqwire_routes_line(int pid, const char *fmt, int *a, int *b);

#endif /* IRQWIRE_STATE_H */
