// SPDX-License-Identifier: GPL-2.0
/*
 * PCI configuration space of bus 0 (mechanism #1, ports 0xcf8/0xcfc).
 * SeaBIOS has assigned the BARs by the time the guest runs.
 */
#include "guest.h"

static void pci_select(uint32_t bdf, uint8_t off)
{
	outl(0xcf8, 0x80000000u | bdf << 8 | (off & 0xfc));
}

uint32_t pci_read32(uint32_t bdf, uint8_t off)
{
	pci_select(bdf, off);
	return inl(0xcfc);
}

uint16_t pci_read16(uint32_t bdf, uint8_t off)
{
	return pci_read32(bdf, off) >> ((off & 2) * 8);
}

uint8_t pci_read8(uint32_t bdf, uint8_t off)
{
	return pci_read32(bdf, off) >> ((off & 3) * 8);
}

void pci_write32(uint32_t bdf, uint8_t off, uint32_t v)
{
	pci_select(bdf, off);
	outl(0xcfc, v);
}

void pci_write16(uint32_t bdf, uint8_t off, uint16_t v)
{
	pci_select(bdf, off);
	outw(0xcfc + (off & 2), v);
}

/* bdf: bus << 8 | device << 3 | function */
uint32_t pci_find(uint16_t vendor, uint16_t device)
{
	uint32_t dev, id;

	for (dev = 0; dev < 32; dev++) {
		id = pci_read32(dev << 3, 0);
		if ((id & 0xffff) == vendor && id >> 16 == device)
			return dev << 3;
	}
	return PCI_NONE;
}

uint32_t pci_find_enabled(uint16_t vendor, uint16_t device, const char *what)
{
	uint32_t bdf = pci_find(vendor, device);

	if (bdf == PCI_NONE)
		fail("no %s", what);
	pci_enable(bdf);
	return bdf;
}

void pci_enable(uint32_t bdf)
{
	pci_write16(bdf, 0x04, pci_read16(bdf, 0x04) | 0x7);
}

uintptr_t pci_bar_mem(uint32_t bdf, int bar)
{
	uint32_t lo = pci_read32(bdf, 0x10 + 4 * bar);

	/* a 64-bit BAR above 4 GiB is out of reach without paging */
	if ((lo & 0x6) == 0x4 && pci_read32(bdf, 0x14 + 4 * bar))
		fail("BAR%d of %x is above 4 GiB", bar, bdf);
	return lo & ~0xfu;
}

uint16_t pci_bar_io(uint32_t bdf, int bar)
{
	return pci_read32(bdf, 0x10 + 4 * bar) & ~0x3u;
}

uint8_t pci_cap(uint32_t bdf, uint8_t id, uint8_t start)
{
	uint8_t off = start ? pci_read8(bdf, start + 1) : pci_read8(bdf, 0x34);

	for (; off; off = pci_read8(bdf, off + 1))
		if (pci_read8(bdf, off) == id)
			return off;
	return 0;
}
