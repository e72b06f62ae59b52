/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The console: a 16550 UART, COM1 by default (I/O port 0x3f8), polled.
 * Output only, no interrupts: each byte waits for the transmit holding
 * register to empty.  "\n" goes out as "\r\n" so raw terminals line up.
 *
 * serial_init() programs the UART (115200 8N1) before the command line
 * is read, so that the earliest messages reach it.  com1= then
 * reprograms it as soon as it is parsed (speed, framing, I/O port), and
 * console= picks whether the console writes to it at all.  Both take
 * Xen's syntax (docs/misc/xen-command-line.md); the parts that need
 * hardware this port does not drive (PCI and AMT UARTs, interrupts,
 * VGA) are accepted and ignored with a message.
 */

#include <xen/console.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/param.h>

#include <asm/io.h>
#include <asm/setup.h>

/* com1=<baud>[/<base-baud>][,[DPS][,[<io-base>|pci|amt][,[<irq>]...]]] */
static int parse_com1(const char *s);
custom_param("com1", parse_com1);

/* console=<list of com1 | vga | none> */
static int parse_console(const char *s);
custom_param("console", parse_console);

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
#define LCR_STOP2       0x04            /* 2 stop bits (1.5 for 5 bits) */
#define LCR_PARITY      0x08            /* parity on; with: */
#define LCR_EVEN        0x10            /*   even (else odd) */
#define LCR_STICK       0x20            /*   stuck (mark / space) */
#define LCR_DLAB        0x80
#define FCR_ENABLE      0x07            /* enable, clear rx and tx */
#define MCR_DTR_RTS     0x03
#define LSR_THRE        0x20            /* transmit holding empty */
#define LSR_TEMT        0x40            /* transmitter empty */

#define TX_SPIN_LIMIT   100000          /* give up on a dead UART */

/*
 * COM1's settings.  baud 0 ("auto") keeps the divisor the firmware or
 * an earlier setting left in the UART.
 */
struct uart {
    uint16_t base;              /* I/O port */
    uint8_t lcr;                /* data bits, parity, stop bits */
    unsigned int baud;
    unsigned int clock_hz;
};

static struct uart com1 = {
    .base = COM1_BASE, .lcr = LCR_8N1, .baud = UART_BAUD,
    .clock_hz = UART_CLOCK,
};
static bool serial_ready;
static bool console_to_com1 = true;     /* console=: does printk use it? */

void serial_init(void)
{
    uint16_t base = com1.base;

    outb(0, base + UART_IER);
    if ( com1.baud )
    {
        unsigned int div = com1.clock_hz / 16 / com1.baud;

        outb(LCR_DLAB, base + UART_LCR);
        outb(div & 0xff, base + UART_DLL);
        outb(div >> 8, base + UART_DLM);
    }
    outb(com1.lcr, base + UART_LCR);
    outb(FCR_ENABLE, base + UART_FCR);
    outb(MCR_DTR_RTS, base + UART_MCR);
    serial_ready = true;
}

/* Wait (bounded) until the UART has sent everything it holds. */
static void serial_drain(void)
{
    unsigned int spins = 0;

    while ( serial_ready && !(inb(com1.base + UART_LSR) & LSR_TEMT) &&
            ++spins < TX_SPIN_LIMIT )
        continue;
}

/* "<baud>[/<base-baud>]", <baud> maybe "auto", into u: end or NULL. */
static const char *parse_baud(const char *s, struct uart *u)
{
    const char *e;

    if ( !strncmp(s, "auto", 4) )
    {
        u->baud = 0;
        e = s + 4;
    }
    else
    {
        u->baud = simple_strtoul(s, &e, 10);
        if ( e == s || !u->baud )
            return NULL;
    }
    if ( *e == '/' )
    {
        unsigned long base_baud;

        /* Xen takes the clock divided by 16 here (its "base baud"). */
        s = e + 1;
        base_baud = simple_strtoul(s, &e, 0);
        if ( e == s || !base_baud || base_baud > UINT32_MAX / 16 )
            return NULL;
        u->clock_hz = base_baud * 16;
    }
    if ( u->baud && (u->clock_hz / 16 / u->baud == 0 ||
                     u->clock_hz / 16 / u->baud > 0xffff) )
        return NULL;            /* no divisor gives that speed */
    return e;
}

/* "DPS" (data bits 5-8, parity n/o/e/m/s, stop bits 1-2) into u->lcr. */
static const char *parse_dps(const char *s, struct uart *u)
{
    static const char parities[] = "noems";
    static const uint8_t parity_bits[] = {
        0, LCR_PARITY, LCR_PARITY | LCR_EVEN, LCR_PARITY | LCR_STICK,
        LCR_PARITY | LCR_EVEN | LCR_STICK,
    };
    const char *p;

    if ( s[0] < '5' || s[0] > '8' || !s[1] || !(p = strchr(parities, s[1])) ||
         (s[2] != '1' && s[2] != '2') )
        return NULL;
    u->lcr = (s[0] - '5') | parity_bits[p - parities] |
             (s[2] == '2' ? LCR_STOP2 : 0);
    return s + 3;
}

/* The DPS letter for the parity bits of lcr. */
static char lcr_parity(uint8_t lcr)
{
    if ( !(lcr & LCR_PARITY) )
        return 'n';
    if ( lcr & LCR_STICK )
        return lcr & LCR_EVEN ? 's' : 'm';
    return lcr & LCR_EVEN ? 'e' : 'o';
}

/* "<io-base>|pci|amt" into u->base (pci and amt: ignored, logged). */
static const char *parse_port(const char *s, struct uart *u)
{
    const char *e;
    unsigned long port;

    if ( !strncmp(s, "pci", 3) || !strncmp(s, "amt", 3) )
    {
        printk(XENLOG_WARNING "com1: %.3s UARTs are not supported: "
               "keeping I/O port %#x\n", s, u->base);
        return s + 3;
    }
    port = simple_strtoul(s, &e, 0);
    if ( e == s || !port || port > 0xfff8 )
        return NULL;
    u->base = port;
    return e;
}

/*
 * com1= (Xen's syntax): parse every field into a copy, then apply it all
 * at once, so a bad value changes nothing.  Empty fields keep their
 * value; the IRQ and any later field are accepted but unused (the UART
 * is polled), with a message.  Returns 0 or -EINVAL.
 */
static int parse_com1(const char *s)
{
    struct uart u = com1;
    const char *e = s;
    char speed[16] = "speed as found";

    if ( *s && *s != ',' && !(e = parse_baud(s, &u)) )
        return -EINVAL;
    if ( *e == ',' && *++e && *e != ',' && !(e = parse_dps(e, &u)) )
        return -EINVAL;
    if ( *e == ',' && *++e && *e != ',' && !(e = parse_port(e, &u)) )
        return -EINVAL;
    if ( *e == ',' )
        printk(XENLOG_WARNING "com1: '%s' ignored: the UART is polled, "
               "no IRQ or PCI settings are used\n", e + 1);
    else if ( *e )
        return -EINVAL;

    serial_drain();             /* what is queued goes out unchanged */
    com1 = u;
    serial_init();
    if ( com1.baud )
        snprintf(speed, sizeof(speed), "%u baud", com1.baud);
    printk("com1: I/O port %#x, %s, %u%c%u\n", com1.base, speed,
           (com1.lcr & 3) + 5, lcr_parity(com1.lcr),
           com1.lcr & LCR_STOP2 ? 2 : 1);
    return 0;
}

/*
 * console= (Xen's syntax, a comma-separated list): com1 writes the
 * console to COM1; none (with no usable device) turns console output
 * off; vga and Xen's other devices are accepted and ignored with a
 * message.  A list naming no usable device and not none keeps COM1, so
 * a mistyped option does not silence the machine.  Returns 0, or
 * -EINVAL for an empty list.
 */
static int parse_console(const char *s)
{
    bool com = false, none = false;
    const char *e;

    if ( !*s )
        return -EINVAL;
    for ( ; *s; s = *e ? e + 1 : e )
    {
        unsigned int len;

        e = strchr(s, ',') ?: s + strlen(s);
        len = e - s;
        if ( len == 4 && !strncmp(s, "com1", 4) )
            com = true;
        else if ( len == 4 && !strncmp(s, "none", 4) )
            none = true;
        else
            printk(XENLOG_WARNING "console: '%.*s' is not supported: "
                   "ignored\n", (int)len, s);
    }
    if ( !com && !none )
        printk(XENLOG_WARNING "console: no usable device listed: "
               "keeping com1\n");
    else if ( !com )
        printk("console: none: no console output from here on\n");
    console_to_com1 = com || !none;
    return 0;
}

static void serial_putc(char c)
{
    unsigned int spins = 0;

    while ( !(inb(com1.base + UART_LSR) & LSR_THRE) &&
            ++spins < TX_SPIN_LIMIT )
        continue;
    outb((uint8_t)c, com1.base + UART_THR);
}

/*
 * Write len bytes to COM1, expanding "\n" to "\r\n"; nothing after
 * console=none.  Callers serialise (console.c holds console_lock; panic
 * output is single-threaded).
 */
void arch_console_write(const char *s, unsigned int len)
{
    unsigned int i;

    if ( !console_to_com1 )
        return;
    if ( !serial_ready )
        serial_init();
    for ( i = 0; i < len; i++ )
    {
        if ( s[i] == '\n' )
            serial_putc('\r');
        serial_putc(s[i]);
    }
}
