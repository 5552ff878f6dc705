/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One printer for routing tables, whoever holds them: irqwire's ("routes")
 * and KVM's own ("inspect"), both read with IRQWIRE_INSPECT_VM.
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

#endif /* IRQWIRE_TOOL_ROUTES_FMT_H */
