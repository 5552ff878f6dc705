// SPDX-License-Identifier: GPL-2.0
/*
 * test=bench [n=N]: the costs "irqwire bench --only qemu" compares, timed
 * by the guest with its TSC, so the host's view of the VMM (threads,
 * scheduling) is all inside the figure: a virtio-blk round trip at queue
 * depth 1 (kick -> iothread -> completion -> interrupt) and a pci-testdev
 * doorbell write. The host runs the same guest on KVM and under
 * "irqwire run" and takes the ratio.
 */
#include "guest.h"

uint32_t median_u32(uint32_t *v, uint32_t n)
{
	uint32_t i, j, x;

	for (i = 1; i < n; i++) {	/* insertion sort: n is small */
		x = v[i];
		for (j = i; j && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
	return n ? v[n / 2] : 0;
}

bool bench_run(void)
{
	static uint32_t cycles[1024];	/* one sample per operation */
	uint32_t n = cmdline_u32("n", 200);

	if (n > sizeof(cycles) / sizeof(cycles[0]))
		n = sizeof(cycles) / sizeof(cycles[0]);
	print("bench blk_qd1 cycles=%u\n", blk_bench(cycles, n));
	print("bench doorbell cycles=%u\n", testdev_bench(cycles, n));
	return true;
}
