// SPDX-License-Identifier: GPL-2.0
/*
 * A second vCPU, so that a test can move an interrupt to another
 * destination as a guest's affinity change does. The BSP wakes the AP
 * the way the MultiProcessor Specification (B.4) says: INIT, then
 * STARTUP, a second STARTUP only if the first one did not bring it up.
 * The AP enters protected mode through boot.S's trampoline, takes
 * interrupts through the BSP's IDT and otherwise halts.
 */
#include "guest.h"

#define AP_TRAMPOLINE	0x8000		/* boot.S: its page is the STARTUP vector */
#define LAPIC_ICR_LO	0x300
#define LAPIC_ICR_HI	0x310
#define ICR_INIT	0x00004500	/* INIT, level assert */
#define ICR_STARTUP	0x00004600	/* STARTUP, level assert */
#define ICR_PENDING	(1u << 12)

extern char ap_trampoline[], ap_trampoline_end[];
static volatile uint32_t ap_up = PCI_NONE;	/* the AP's APIC ID once up */

void ap_main(void) __attribute__((noreturn));
void ap_main(void)
{
	irq_setup_cpu();
	ap_up = lapic_id();
	for (;;)
		asm volatile("sti; hlt");
}

static void ipi(uint32_t apic_id, uint32_t icr)
{
	uint32_t spins = 100000000u;

	mmio_write32(LAPIC + LAPIC_ICR_HI, apic_id << 24);
	mmio_write32(LAPIC + LAPIC_ICR_LO, icr);
	while ((mmio_read32(LAPIC + LAPIC_ICR_LO) & ICR_PENDING) && spins--)
		asm volatile("pause");
}

static bool ap_wait(uint32_t apic_id)
{
	uint32_t spins = 400000000u;

	while (ap_up != apic_id && spins--)
		asm volatile("pause" : : : "memory");
	return ap_up == apic_id;
}

void ap_start(uint32_t apic_id)
{
	volatile char *dst = (volatile char *)AP_TRAMPOLINE;
	const char *src;

	for (src = ap_trampoline; src < ap_trampoline_end; src++)
		*dst++ = *src;
	ipi(apic_id, ICR_INIT);
	ipi(apic_id, ICR_STARTUP | AP_TRAMPOLINE >> 12);
	if (!ap_wait(apic_id)) {
		ipi(apic_id, ICR_STARTUP | AP_TRAMPOLINE >> 12);
		if (!ap_wait(apic_id))
			fail("vCPU with APIC ID %u did not start", apic_id);
	}
	print("ap-up apic_id=%u\n", apic_id);
}
