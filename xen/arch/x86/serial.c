/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The console: a 16550 UART at COM1 (I/O port 0x3f8), polled.  Output
 * only, no interrupts: each byte waits for the transmit holding register
 * to empty.  "\n" goes out as "\r\n" so raw terminals line up.
 */

#include <xen/console.h>
#include <xen/lib.h>

#include <asm/io.h>
#include <asm/setup.h>

#define COM1_BASE       0x3f8
#define UART_BAUD       115200
#define UART_CLOCK      1843200         /* 1.8432 MHz crystal */

/* Register offsets from the base. */
#define UART_THR        0               /* transmit holding (DLAB=0) */
#define UART_DLL        0               /* divisor low (DLAB=1) */
#define UART_IER        1               /* interrupt enable (DLAB=0) */
#define UART_DLM        1               /* divisor high (DLAB=1) */
#define UART_FCR        2               /* FIFO control */
#define UART_LCR        3               /* line control */
#define UART_MCR        4               /* modem control */
#define UART_LSR        5               /* line status */

#define LCR_8N1         0x03
#define LCR_DLAB        0x80
#define FCR_ENABLE      0x07            /* enable, clear rx and tx */
#define MCR_DTR_RTS     0x03
#define LSR_THRE        0x20            /* transmit holding empty */

#define TX_SPIN_LIMIT   100000          /* give up on a dead UART */

static bool serial_ready;

void serial_init(void)
{
    unsigned int div = UART_CLOCK / 16 / UART_BAUD;

    outb(0, COM1_BASE + UART_IER);
    outb(LCR_DLAB, COM1_BASE + UART_LCR);
    outb(div & 0xff, COM1_BASE + UART_DLL);
    outb(div >> 8, COM1_BASE + UART_DLM);
    outb(LCR_8N1, COM1_BASE + UART_LCR);
    outb(FCR_ENABLE, COM1_BASE + UART_FCR);
    outb(MCR_DTR_RTS, COM1_BASE + UART_MCR);
    serial_ready = true;
}

static void serial_putc(char c)
{
    unsigned int spins = 0;

    while ( !(inb(COM1_BASE + UART_LSR) & LSR_THRE) &&
            ++spins < TX_SPIN_LIMIT )
        continue;
    outb((uint8_t)c, COM1_BASE + UART_THR);
}

/*
 * Write len bytes to COM1, expanding "\n" to "\r\n".  Callers serialise
 * (console.c holds console_lock; panic output is single-threaded).
 */
void arch_console_write(const char *s, unsigned int len)
{
    unsigned int i;

    if ( !serial_ready )
        serial_init();
    for ( i = 0; i < len; i++ )
    {
        if ( s[i] == '\n' )
            serial_putc('\r');
        serial_putc(s[i]);
    }
}
