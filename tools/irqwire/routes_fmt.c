// SPDX-License-Identifier: GPL-2.0
/*
 * Routing tables as text and JSON, the same for a KVM table and an irqwire
 * table so that the two can be diffed line by line.
 */
#include <stdint.h>
#include <string.h>

#include "routes_fmt.h"

#define NR_CHIPS	3
#define NR_PINS		24

static const char * const chip_names[NR_CHIPS] = {
	"PIC master", "PIC slave", "IOAPIC",
};

static const char * const delivery_modes[8] = {
	"fixed", "lowest", "smi", "reserved", "nmi", "init", "reserved", "extint",
};

/* The x2APIC destination lives in address_hi[31:8] (KVM's extended dest). */
static uint32_t msi_dest(const struct irqwire_routing_msi *m)
{
	return ((m->address_lo >> 12) & 0xff) | (m->address_hi & 0xffffff00);
}

static void chip_matrix(const struct irqwire_routing_entry *e, int n,
			int chip[NR_CHIPS][NR_PINS], uint32_t *nr_rt)
{
	int i;

	memset(chip, 0xff, sizeof(int) * NR_CHIPS * NR_PINS);	/* -1 */
	*nr_rt = 0;
	for (i = 0; i < n; i++) {
		if (e[i].gsi + 1 > *nr_rt)
			*nr_rt = e[i].gsi + 1;
		if (e[i].type == IRQWIRE_ROUTING_IRQCHIP &&
		    e[i].u.irqchip.irqchip < NR_CHIPS &&
		    e[i].u.irqchip.pin < NR_PINS)
			chip[e[i].u.irqchip.irqchip][e[i].u.irqchip.pin] = e[i].gsi;
	}
}

static void print_text(FILE *f, const struct irqwire_routing_entry *e, int n)
{
	int chip[NR_CHIPS][NR_PINS], i, c, p;
	uint32_t nr_rt;

	for (i = 0; i < n; i++) {
		const struct irqwire_routing_msi *m = &e[i].u.msi;

		fprintf(f, "gsi=%u type=%u", e[i].gsi, e[i].type);
		if (e[i].type == IRQWIRE_ROUTING_IRQCHIP)
			fprintf(f, " %u %u", e[i].u.irqchip.irqchip,
				e[i].u.irqchip.pin);
		else if (e[i].type == IRQWIRE_ROUTING_MSI)
			fprintf(f, " address_lo=0x%08x address_hi=0x%08x data=0x%08x dest=%u vector=%u delivery=%s dm=%s trig=%s",
				m->address_lo, m->address_hi, m->data,
				msi_dest(m), m->data & 0xff,
				delivery_modes[(m->data >> 8) & 7],
				m->address_lo & 4 ? "logical" : "physical",
				m->data & (1u << 15) ? "level" : "edge");
		fputc('\n', f);
	}
	chip_matrix(e, n, chip, &nr_rt);
	fprintf(f, "nr_rt_entries=%u\n", nr_rt);
	for (c = 0; c < NR_CHIPS; c++) {
		fprintf(f, "chip[%d] %-10s = {", c, chip_names[c]);
		for (p = 0; p < NR_PINS; p++)
			fprintf(f, "%s%d", p ? ", " : "", chip[c][p]);
		fprintf(f, "}\n");
	}
}

static void print_json(FILE *f, const struct irqwire_routing_entry *e, int n)
{
	int chip[NR_CHIPS][NR_PINS], i, c, p;
	uint32_t nr_rt;

	fprintf(f, "{\"routes\": [");
	for (i = 0; i < n; i++) {
		const struct irqwire_routing_msi *m = &e[i].u.msi;

		fprintf(f, "%s{\"gsi\": %u, ", i ? ", " : "", e[i].gsi);
		if (e[i].type == IRQWIRE_ROUTING_IRQCHIP)
			fprintf(f, "\"type\": \"irqchip\", \"irqchip\": %u, \"pin\": %u}",
				e[i].u.irqchip.irqchip, e[i].u.irqchip.pin);
		else if (e[i].type == IRQWIRE_ROUTING_MSI)
			fprintf(f, "\"type\": \"msi\", \"address_lo\": %u, \"address_hi\": %u, \"data\": %u, \"dest\": %u, \"vector\": %u}",
				m->address_lo, m->address_hi, m->data,
				msi_dest(m), m->data & 0xff);
		else
			fprintf(f, "\"type\": %u}", e[i].type);
	}
	chip_matrix(e, n, chip, &nr_rt);
	fprintf(f, "], \"nr_rt_entries\": %u, \"chip\": [", nr_rt);
	for (c = 0; c < NR_CHIPS; c++) {
		fprintf(f, "%s[", c ? ", " : "");
		for (p = 0; p < NR_PINS; p++)
			fprintf(f, "%s%d", p ? ", " : "", chip[c][p]);
		fprintf(f, "]");
	}
	fprintf(f, "]}");
}

void routes_print(FILE *f, const struct irqwire_routing_entry *e, int n,
		  bool json)
{
	if (json)
		print_json(f, e, n);
	else
		print_text(f, e, n);
}
