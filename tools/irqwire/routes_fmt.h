/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One printer for routing tables, whoever holds them: irqwire's (read from
 * debugfs by "routes") and KVM's own (read by "inspect").
 */
#ifndef IRQWIRE_TOOL_ROUTES_FMT_H
#define IRQWIRE_TOOL_ROUTES_FMT_H

#include <stdbool.h>
#include <stdio.h>

#include <linux/irqwire.h>

/*
 * The seed study's lines ("gsi=G type=T irqchip pin", MSIs decoded) and the
 * chip[][] matrix, or with @json one JSON object {"routes": [...],
 * "chip": [[...]x3], "nr_rt_entries": N} without a trailing newline.
 */
void routes_print(FILE *f, const struct irqwire_routing_entry *e, int n,
		  bool json);

/* Parses one "gsi=..." line of irqwire's debugfs routes file. */
bool routes_parse_line(const char *line, struct irqwire_routing_entry *e);

#endif /* IRQWIRE_TOOL_ROUTES_FMT_H */
