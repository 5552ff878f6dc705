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

struct irqwire_routing_entry;
/*
 * The routing table of the VM directory @path (routes.c), in @out to
 * free(); the number of entries, or -1 if it cannot be read.
 */
int routes_read_vmdir(const char *path, struct irqwire_routing_entry **out);

/* The file @path read whole into a NUL-terminated buffer to free(), or NULL. */
char *vmdirs_read(const char *dir, const char *file);

#endif /* IRQWIRE_TOOL_VMDIRS_H */
