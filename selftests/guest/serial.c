// SPDX-License-Identifier: GPL-2.0
/*
 * Output on COM1 (print: %s, %u, %d, %x and %lx), the command line, and
 * the end of the run.
 */
#include <stdarg.h>

#include "guest.h"

#define COM1		0x3f8
#define DEBUG_EXIT	0xf4

static void putc_serial(char c)
{
	while (!(inb(COM1 + 5) & 0x20))
		;
	outb(COM1, c);
}

/* 32-bit only: a 64-bit division would need libgcc, which -m32 lacks here */
static void put_u32(uint32_t v, unsigned int base, int width)
{
	char buf[12];
	int n = 0;

	do {
		buf[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (n < width)
		buf[n++] = '0';
	while (n)
		putc_serial(buf[--n]);
}

static void vprint(const char *fmt, va_list ap)
{
	const char *s;
	bool l;

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			putc_serial(*fmt);
			continue;
		}
		l = fmt[1] == 'l';
		if (l)
			fmt += fmt[2] == 'l' ? 2 : 1;
		switch (*++fmt) {
		case 's':
			for (s = va_arg(ap, const char *); *s; s++)
				putc_serial(*s);
			break;
		case 'u':
			put_u32(va_arg(ap, uint32_t), 10, 0);
			break;
		case 'd': {
			int32_t v = va_arg(ap, int32_t);

			if (v < 0) {
				putc_serial('-');
				v = -v;
			}
			put_u32(v, 10, 0);
			break;
		}
		case 'x':
			if (l) {	/* %lx: 64 bits, as two halves */
				uint64_t v = va_arg(ap, uint64_t);

				if (v >> 32) {
					put_u32(v >> 32, 16, 0);
					put_u32((uint32_t)v, 16, 8);
				} else {
					put_u32((uint32_t)v, 16, 0);
				}
			} else {
				put_u32(va_arg(ap, uint32_t), 16, 0);
			}
			break;
		default:
			putc_serial(*fmt);
		}
	}
}

void serial_wait_byte(void)
{
	while (!(inb(COM1 + 5) & 1))
		asm volatile("pause");
	inb(COM1);
}

void print(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint(fmt, ap);
	va_end(ap);
}

void guest_exit(bool ok)
{
	print("guest-exit %s\n", ok ? "ok" : "failed");
	outb(DEBUG_EXIT, ok ? 0 : 1);
	for (;;)
		asm volatile("cli; hlt");
}

void fail(const char *fmt, ...)
{
	va_list ap;

	print("FAIL ");
	va_start(ap, fmt);
	vprint(fmt, ap);
	va_end(ap);
	print("\n");
	guest_exit(false);
}

/* Equal up to the end of @a, or a space in it (command-line values). */
int streq(const char *a, const char *b)
{
	while (*a && *a != ' ' && *a == *b)
		a++, b++;
	return (!*a || *a == ' ') && !*b;
}

extern const char *guest_cmdline;

const char *cmdline_get(const char *key)
{
	const char *p = guest_cmdline, *k;

	while (p && *p) {
		for (k = key; *k && *p == *k; k++, p++)
			;
		if (!*k && *p == '=')
			return p + 1;
		while (*p && *p != ' ')
			p++;
		while (*p == ' ')
			p++;
	}
	return NULL;
}

uint32_t cmdline_u32(const char *key, uint32_t dflt)
{
	const char *p = cmdline_get(key);
	uint32_t v = 0;

	if (!p)
		return dflt;
	while (*p >= '0' && *p <= '9')
		v = v * 10 + *p++ - '0';
	return v;
}
