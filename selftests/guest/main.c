// SPDX-License-Identifier: GPL-2.0
/*
 * The VMM test guest's entry: the multiboot command line (QEMU's -append)
 * names the test: "test=testdev [writes=N]", "test=blk [requests=N]
 * [move=K [move_to=APIC_ID]] [hold=1]" or "test=bench [n=N]".
 */
#include "guest.h"

#define MB_LOADER_MAGIC	0x2badb002
#define MB_INFO_CMDLINE	(1 << 2)

struct mb_info {
	uint32_t flags, mem_lower, mem_upper, boot_device, cmdline;
};

const char *guest_cmdline;

void guest_main(uint32_t magic, const struct mb_info *mbi)
{
	const char *test;
	bool ok;

	if (magic != MB_LOADER_MAGIC)
		fail("not started by a multiboot loader");
	if (mbi->flags & MB_INFO_CMDLINE)
		guest_cmdline = (const char *)mbi->cmdline;
	print("guest-start cmdline=%s\n", guest_cmdline ? guest_cmdline : "");
	irq_setup();
	test = cmdline_get("test");
	if (test && streq(test, "testdev"))
		ok = testdev_run();
	else if (test && streq(test, "blk"))
		ok = blk_run();
	else if (test && streq(test, "bench"))
		ok = bench_run();
	else
		fail("no test= on the command line");
	guest_exit(ok);
}
