// SPDX-License-Identifier: GPL-2.0
/*
 * QEMU's pci-testdev (hw/misc/pci-testdev.c): BAR0 (MMIO) and BAR1 (PIO)
 * each hold three tests, started by writing the test's number to offset
 * 0: "no-eventfd" (writes reach QEMU's handler, which counts them),
 * "wildcard-eventfd" (an ioeventfd of any value; length 0 on MMIO when
 * KVM offers any-length ioeventfds) and "datamatch-eventfd" (an ioeventfd
 * on one value). A write an ioeventfd takes never reaches the handler: its
 * count stays 0. The host counts those writes on irqwire's side.
 */
#include "guest.h"

#define HDR_TEST	0
#define HDR_WIDTH	1
#define HDR_OFFSET	4
#define HDR_DATA	8
#define HDR_COUNT	12
#define HDR_NAME	16

struct bar {
	bool pio;
	uintptr_t base;
};

static uint8_t rd8(const struct bar *b, uint32_t off)
{
	return b->pio ? inb(b->base + off) : mmio_read8(b->base + off);
}

static uint32_t rd32(const struct bar *b, uint32_t off)
{
	/* the device answers byte by byte */
	return rd8(b, off) | rd8(b, off + 1) << 8 | rd8(b, off + 2) << 16 |
	       (uint32_t)rd8(b, off + 3) << 24;
}

static void wr8(const struct bar *b, uint32_t off, uint8_t v)
{
	if (b->pio)
		outb(b->base + off, v);
	else
		mmio_write8(b->base + off, v);
}

static bool testdev_one(const struct bar *b, int t, uint32_t writes)
{
	char name[40];
	uint32_t off, count, i;
	uint8_t data;
	bool eventfd;

	wr8(b, HDR_TEST, t);
	for (i = 0; i < sizeof(name) - 1 && (name[i] = rd8(b, HDR_NAME + i)); i++)
		;
	name[i] = '\0';
	off = rd32(b, HDR_OFFSET);
	data = rd8(b, HDR_DATA);
	if (rd8(b, HDR_WIDTH) != 1 || rd32(b, HDR_COUNT))
		fail("testdev %s: bad header", name);
	for (i = 0; i < writes; i++)
		wr8(b, off, data);
	count = rd32(b, HDR_COUNT);
	eventfd = !streq(name + (b->pio ? 7 : 5), "no-eventfd");
	print("testdev %s addr=%x writes=%u count=%u\n", name,
	      (uint32_t)(b->base + off), writes, count);
	return count == (eventfd ? 0 : writes);
}

bool testdev_run(void)
{
	uint32_t bdf = pci_find_enabled(0x1b36, 0x0005, "pci-testdev");
	uint32_t writes = cmdline_u32("writes", 16);
	struct bar bars[2];
	bool ok = true;
	int i, t;

	bars[0] = (struct bar){ false, pci_bar_mem(bdf, 0) };
	bars[1] = (struct bar){ true, pci_bar_io(bdf, 1) };
	for (i = 0; i < 2; i++)
		for (t = 0; t < 3; t++)
			ok &= testdev_one(&bars[i], t, writes);
	wr8(&bars[0], HDR_TEST, 0xff);	/* no test: every ioeventfd removed */
	return ok;
}

/*
 * Doorbell cost for the bench: @n writes to the MMIO wildcard doorbell
 * (an ioeventfd: no exit to QEMU), each timed alone.
 */
uint32_t testdev_bench(uint32_t *cycles, uint32_t n)
{
	uint32_t bdf = pci_find_enabled(0x1b36, 0x0005, "pci-testdev"), off, i;
	struct bar b;
	uint64_t t0;

	b = (struct bar){ false, pci_bar_mem(bdf, 0) };
	wr8(&b, HDR_TEST, 1);	/* mmio-wildcard-eventfd */
	off = rd32(&b, HDR_OFFSET);
	for (i = 0; i < n; i++) {
		t0 = rdtsc();
		wr8(&b, off, 0);
		cycles[i] = rdtsc() - t0;
	}
	if (rd32(&b, HDR_COUNT))
		fail("testdev bench: the doorbell writes reached QEMU's handler");
	wr8(&b, HDR_TEST, 0xff);
	return median_u32(cycles, n);
}
