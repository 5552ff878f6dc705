// SPDX-License-Identifier: GPL-2.0
/*
 * virtio-blk (modern, virtio 1.0) with one MSI-X vector per queue: the
 * seed study's case. QEMU kicks the request queue through an ioeventfd on
 * the notify address and, with the device on an iothread, completes
 * through an irqfd on the queue's MSI-X route. The guest writes a pattern
 * to each of N sectors and reads it back, one request at a time (queue
 * depth 1), counting completions and interrupts. With move=K it moves the
 * queue's MSI-X entry to another vector after K requests, and with
 * move_to=ID to another vCPU too (the one with that APIC ID, which it
 * starts), as a guest's affinity change rewrites the table entry; QEMU
 * re-commits its routes, and the completions after the move must arrive
 * on the new vector at the new destination. With hold=1 it
 * stops before and after the move until the host sends a byte on the
 * serial port, so the host can look at the live VM.
 */
#include "guest.h"

#define VIRTIO_VENDOR		0x1af4
#define VIRTIO_BLK_MODERN	0x1042

/* virtio_pci_cap cfg_type */
#define CAP_COMMON	1
#define CAP_NOTIFY	2

/* common configuration, virtio 1.0 4.1.4.3 */
#define C_DFSELECT	0x00
#define C_DF		0x04
#define C_GFSELECT	0x08
#define C_GF		0x0c
#define C_MSIX		0x10
#define C_STATUS	0x14
#define C_Q_SELECT	0x16
#define C_Q_SIZE	0x18
#define C_Q_MSIX	0x1a
#define C_Q_ENABLE	0x1c
#define C_Q_NOFF	0x1e
#define C_Q_DESC	0x20
#define C_Q_AVAIL	0x28
#define C_Q_USED	0x30

#define S_ACK		1
#define S_DRIVER	2
#define S_DRIVER_OK	4
#define S_FEATURES_OK	8
#define NO_VECTOR	0xffff

#define T_IN		0	/* read */
#define T_OUT		1	/* write */
#define QSIZE		16
#define SECTOR		512
#define MSIX_CAP	0x11
#define VEC_QUEUE	(VEC_BASE + 1)	/* the queue's vector, then ... */
#define VEC_MOVED	(VEC_BASE + 2)	/* ... after the move */

struct desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags, next;
};

struct req_hdr {
	uint32_t type, reserved;
	uint64_t sector;
};

static struct {
	struct desc desc[QSIZE] __attribute__((aligned(16)));
	struct {
		uint16_t flags, idx, ring[QSIZE], used_event;
	} avail __attribute__((aligned(2)));
	struct {
		uint16_t flags;
		volatile uint16_t idx;
		struct {
			uint32_t id, len;
		} ring[QSIZE];
		uint16_t avail_event;
	} used __attribute__((aligned(4)));
} vq __attribute__((aligned(4096)));

static struct req_hdr hdr;
static uint8_t data[SECTOR] __attribute__((aligned(16)));
static volatile uint8_t status;

static uintptr_t common, notify, msix_table;
static uint16_t last_used;

static uintptr_t cap_addr(uint32_t bdf, uint8_t cap)
{
	return pci_bar_mem(bdf, pci_read8(bdf, cap + 4)) + pci_read32(bdf, cap + 8);
}

/* Finds the common and notify structures and the MSI-X table. */
static void blk_find(uint32_t bdf)
{
	uint8_t cap = 0, notify_cap = 0;
	uint32_t bir_off;

	while ((cap = pci_cap(bdf, 0x09, cap))) {
		if (pci_read8(bdf, cap + 3) == CAP_COMMON && !common)
			common = cap_addr(bdf, cap);
		if (pci_read8(bdf, cap + 3) == CAP_NOTIFY && !notify_cap)
			notify_cap = cap;
	}
	cap = pci_cap(bdf, MSIX_CAP, 0);
	if (!common || !notify_cap || !cap)
		fail("virtio-blk: capabilities missing");
	notify = cap_addr(bdf, notify_cap);
	mmio_write16(common + C_Q_SELECT, 0);
	notify += mmio_read16(common + C_Q_NOFF) * pci_read32(bdf, notify_cap + 16);
	bir_off = pci_read32(bdf, cap + 4);
	msix_table = pci_bar_mem(bdf, bir_off & 7) + (bir_off & ~7u);
	/* MSI-X on, function not masked */
	pci_write16(bdf, cap + 2, (pci_read16(bdf, cap + 2) | 0x8000) & ~0x4000);
}

/* MSI-X entry @n: fixed, physical, to APIC ID @dest, @vector, unmasked. */
static void msix_set(int n, uint8_t vector, uint32_t dest)
{
	uintptr_t e = msix_table + 16 * n;

	mmio_write32(e + 12, 1);	/* masked while it changes */
	mmio_write32(e + 0, LAPIC | dest << 12);
	mmio_write32(e + 4, 0);
	mmio_write32(e + 8, vector);
	mmio_write32(e + 12, 0);
}

static void blk_init(void)
{
	mmio_write8(common + C_STATUS, 0);
	mmio_write8(common + C_STATUS, S_ACK | S_DRIVER);
	mmio_write32(common + C_DFSELECT, 1);
	if (!(mmio_read32(common + C_DF) & 1))
		fail("virtio-blk: no VIRTIO_F_VERSION_1");
	mmio_write32(common + C_GFSELECT, 0);
	mmio_write32(common + C_GF, 0);
	mmio_write32(common + C_GFSELECT, 1);
	mmio_write32(common + C_GF, 1);		/* VERSION_1 only */
	mmio_write8(common + C_STATUS, S_ACK | S_DRIVER | S_FEATURES_OK);
	if (!(mmio_read8(common + C_STATUS) & S_FEATURES_OK))
		fail("virtio-blk: features refused");

	mmio_write16(common + C_MSIX, NO_VECTOR);
	msix_set(0, VEC_QUEUE, lapic_id());
	mmio_write16(common + C_Q_SELECT, 0);
	if (mmio_read16(common + C_Q_SIZE) < QSIZE)
		fail("virtio-blk: queue too small");
	mmio_write16(common + C_Q_SIZE, QSIZE);
	mmio_write16(common + C_Q_MSIX, 0);
	if (mmio_read16(common + C_Q_MSIX) != 0)
		fail("virtio-blk: MSI-X vector refused");
	mmio_write32(common + C_Q_DESC, (uintptr_t)vq.desc);
	mmio_write32(common + C_Q_DESC + 4, 0);
	mmio_write32(common + C_Q_AVAIL, (uintptr_t)&vq.avail);
	mmio_write32(common + C_Q_AVAIL + 4, 0);
	mmio_write32(common + C_Q_USED, (uintptr_t)&vq.used);
	mmio_write32(common + C_Q_USED + 4, 0);
	mmio_write16(common + C_Q_ENABLE, 1);
	mmio_write8(common + C_STATUS, S_ACK | S_DRIVER | S_FEATURES_OK | S_DRIVER_OK);
}

/*
 * One request, queue depth 1: header, data, status. Returns only once the
 * request's interrupt on @vec came too (or a bound passed): the next
 * completion must not find this one's MSI still pending in the IRR, where
 * the two would coalesce into one interrupt.
 */
static void blk_request(uint32_t type, uint32_t sector, uint8_t vec)
{
	uint32_t spins = 2000000000u, irqs = irq_count(vec);

	hdr = (struct req_hdr){ .type = type, .sector = sector };
	status = 0xff;
	vq.desc[0] = (struct desc){ (uintptr_t)&hdr, sizeof(hdr), 1, 1 };
	/* NEXT (1), and WRITE (2) where the device writes */
	vq.desc[1] = (struct desc){ (uintptr_t)data, SECTOR, type == T_IN ? 3 : 1, 2 };
	vq.desc[2] = (struct desc){ (uintptr_t)&status, 1, 2, 0 };
	vq.avail.ring[vq.avail.idx % QSIZE] = 0;
	barrier();
	vq.avail.idx++;
	barrier();
	mmio_write16(notify, 0);	/* the kick: an ioeventfd in QEMU */
	while (vq.used.idx == last_used && spins--)
		asm volatile("pause" : : : "memory");
	if (vq.used.idx == last_used)
		fail("virtio-blk: request on sector %u never completed", sector);
	last_used = vq.used.idx;
	if (status != 0)
		fail("virtio-blk: sector %u status %u", sector, status);
	for (spins = 200000000u; irq_count(vec) == irqs && spins; spins--)
		asm volatile("pause");
}

static uint8_t pattern(uint32_t sector, uint32_t i)
{
	return (uint8_t)(sector * 31 + i * 7 + 1);
}

/* Waits for one byte from the host on COM1: the host looked at the VM. */
static void hold(const char *what)
{
	print("hold %s\n", what);
	serial_wait_byte();
}

bool blk_run(void)
{
	uint32_t bdf = pci_find_enabled(VIRTIO_VENDOR, VIRTIO_BLK_MODERN, "modern virtio-blk");
	uint32_t n = cmdline_u32("requests", 8), move = cmdline_u32("move", 0);
	uint32_t dest = cmdline_u32("move_to", lapic_id()), s, i, done = 0;
	bool holds = cmdline_u32("hold", 0);
	int dest_cpu = dest != lapic_id();	/* irq.c's index: the AP is 1 */
	uint8_t vec = VEC_QUEUE;

	if (dest_cpu)
		ap_start(dest);
	blk_find(bdf);
	blk_init();
	if (holds)
		hold("ready");
	for (s = 0; s < n; s++) {
		if (move && s == move) {
			msix_set(0, VEC_MOVED, dest);
			vec = VEC_MOVED;
			print("blk moved vector=%u dest=%u after=%u\n", vec, dest, done);
			if (holds)
				hold("moved");
		}
		for (i = 0; i < SECTOR; i++)
			data[i] = pattern(s, i);
		blk_request(T_OUT, s, vec);
		for (i = 0; i < SECTOR; i++)
			data[i] = 0;
		blk_request(T_IN, s, vec);
		done += 2;
		for (i = 0; i < SECTOR; i++)
			if (data[i] != pattern(s, i))
				fail("virtio-blk: sector %u byte %u reads %u", s, i, data[i]);
	}
	print("blk requests=%u completions=%u irqs=%u moved_irqs=%u moved_irqs_at_dest=%u unexpected=%u\n",
	      n, done, irq_count(VEC_QUEUE) + irq_count(VEC_MOVED),
	      irq_count(VEC_MOVED), irq_count_on(dest_cpu, VEC_MOVED), irq_unexpected());
	return irq_count(VEC_QUEUE) + irq_count(VEC_MOVED) == done &&
	       irq_count_on(0, VEC_QUEUE) == irq_count(VEC_QUEUE) &&
	       (!move || irq_count_on(dest_cpu, VEC_MOVED) == 2 * (n - move));
}

/*
 * QD1 round trips for the bench: @n reads of sector 0, each timed from
 * the kick to its interrupt (blk_request() waits for both).
 */
uint32_t blk_bench(uint32_t *cycles, uint32_t n)
{
	uint32_t bdf = pci_find_enabled(VIRTIO_VENDOR, VIRTIO_BLK_MODERN, "modern virtio-blk"), i;
	uint64_t t0;

	blk_find(bdf);
	blk_init();
	for (i = 0; i < n; i++) {
		t0 = rdtsc();
		blk_request(T_IN, 0, VEC_QUEUE);
		cycles[i] = rdtsc() - t0;
	}
	return median_u32(cycles, n);
}
