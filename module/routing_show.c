// SPDX-License-Identifier: GPL-2.0
/*
 * Text form of a routing table, in the seed study's format
 * ("gsi=G type=T irqchip pin" and MSIs decoded), then the chip[][] matrix.
 */
#include "inject.h"
#include "routing.h"

static const char * const irqwire_delivery_modes[8] = {
	"fixed", "lowest", "smi", "reserved", "nmi", "init", "reserved", "extint",
};

static void irqwire_routing_show_msi(struct seq_file *m, const struct irqwire_routing_entry *e)
{
	u32 lo = e->u.msi.address_lo, hi = e->u.msi.address_hi;
	u32 data = e->u.msi.data;
	/* as stored: address_hi's upper bits shown whatever the VM's format */
	u32 dest = irqwire_msi_dest(lo, hi, true);

	seq_printf(m, " address_lo=0x%08x address_hi=0x%08x data=0x%08x dest=%u vector=%u delivery=%s dm=%s trig=%s",
		   lo, hi, data, dest, data & 0xff,
		   irqwire_delivery_modes[(data >> 8) & 7],
		   lo & BIT(2) ? "logical" : "physical",
		   data & BIT(15) ? "level" : "edge");
}

/*
 * routing_lock held: "blocks=B block_sets=S", the blocks the live table's
 * sets are in and how many sets were made in them (the dropped ones
 * included): what the table's memory holds, for its bound (routing.h).
 */
static void irqwire_routing_show_blocks(struct seq_file *m,
					const struct irqwire_routing_table *t)
{
	struct irqwire_routes_block *seen = NULL;
	struct irqwire_gsi_routes *set;
	u32 gsi, blocks = 0, sets = 0;

	for (gsi = 0; gsi < t->nr_gsi; gsi++) {
		set = rcu_dereference_raw(t->map[gsi]);
		if (set && irqwire_routes_block_count(set, &seen)) {
			blocks++;
			sets += set->block->nr_sets;
		}
	}
	irqwire_routes_blocks_uncount(seen);
	seq_printf(m, "blocks=%u block_sets=%u\n", blocks, sets);
}

/* Process context; takes vm->routing_lock for a consistent snapshot. */
void irqwire_routing_show(struct seq_file *m, struct irqwire_vm *vm)
{
	static const char * const chip_names[IRQWIRE_NR_IRQCHIPS] = {
		"PIC master", "PIC slave", "IOAPIC",
	};
	struct irqwire_routing_table *t;
	struct irqwire_gsi_routes *set;
	struct irqwire_routing_entry e;
	int c, p;
	u32 i, gsi;

	mutex_lock(&vm->routing_lock);
	t = rcu_dereference_protected(vm->routing,
				      lockdep_is_held(&vm->routing_lock));
	for (gsi = 0; gsi < t->nr_gsi; gsi++) {
		set = rcu_dereference_protected(t->map[gsi],
						lockdep_is_held(&vm->routing_lock));
		for (i = 0; set && i < set->nr; i++) {
			irqwire_route_to_user(&set->r[i], &e);
			seq_printf(m, "gsi=%u type=%u", gsi, e.type);
			if (e.type == IRQWIRE_ROUTING_IRQCHIP)
				seq_printf(m, " %u %u", e.u.irqchip.irqchip,
					   e.u.irqchip.pin);
			else
				irqwire_routing_show_msi(m, &e);
			seq_putc(m, '\n');
		}
	}
	seq_printf(m, "nr_rt_entries=%u\n", t->nr_entries);
	irqwire_routing_show_blocks(m, t);
	/* how full replaces went: a table built, or the difference applied */
	seq_printf(m, "replaces built=%u diffed=%u\n", vm->routing_input.built,
		   vm->routing_input.diffed);
	for (c = 0; c < IRQWIRE_NR_IRQCHIPS; c++) {
		seq_printf(m, "chip[%d] %-10s = {", c, chip_names[c]);
		for (p = 0; p < IRQWIRE_IRQCHIP_NUM_PINS; p++)
			seq_printf(m, "%s%d", p ? ", " : "", t->chip[c][p]);
		seq_puts(m, "}\n");
	}
	mutex_unlock(&vm->routing_lock);
}
