/* SPDX-License-Identifier: GPL-2.0 */
#ifndef IRQWIRE_INSPECT_H
#define IRQWIRE_INSPECT_H

void irqwire_inspect_init(void);

#endif /* IRQWIRE_INSPECT_H */
