/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The VMs bound to irqwire, as the module lists them in debugfs:
 * /sys/kernel/debug/irqwire/vm<ID>-pid<PID>/{routes,irqfds,ioeventfds}.
 */
#ifndef IRQWIRE_TOOL_VMDIRS_H
#define IRQWIRE_TOOL_VMDIRS_H

#define IRQWIRE_DEBUGFS "/sys/kernel/debug/irqwire"

/*
 * Calls @fn for each VM directory whose name is @only (NULL: every VM), in
 * name order; returns the number of directories visited or -1 (message
 * printed) if irqwire's debugfs directory cannot be read.
 */
int vmdirs_for_each(const char *only,
		    void (*fn)(const char *name, const char *path, void *data),
		    void *data);

/* The file @path read whole into a NUL-terminated buffer to free(), or NULL. */
char *vmdirs_read(const char *dir, const char *file);

#endif /* IRQWIRE_TOOL_VMDIRS_H */
