/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Boot-parameter registrations for test-params, built with the hypervisor
 * flags so that <xen/param.h> puts them in the real "xen_params" section
 * that xen/common/params.c walks.  The accessors below are the only way
 * the libc side sees these variables (params-fixture.h).
 *
 * Names start with "fx" so that they cannot collide with a real option if
 * this file is ever linked with the rest of the hypervisor.
 */

#include <xen/lib.h>
#include <xen/param.h>

#include "params-fixture.h"

/* XEN_EINVAL, written out until <public/errno.h> can be included here. */
#define FIXTURE_EINVAL  22

static struct fixture_values fx;

boolean_param("fx-bool", fx.b);
boolean_param("fx-flag", fx.flag);
boolean_param("fx_under_name", fx.under);
boolean_param("no-fx-literal", fx.literal);
boolean_param("fx-wide-bool", fx.wide_bool);
integer_param("fx-u8", fx.u8);
integer_param("fx-u16", fx.u16);
integer_param("fx-u32", fx.u32);
integer_param("fx-u64", fx.u64);
integer_param("fx-dash-name", fx.dash);
integer_param("fx-twice", fx.twice_a);
integer_param("fx-twice", fx.twice_b);
size_param("fx-size", fx.size);
size_param("fx-size32", fx.size32);
string_param("fx-str", fx.str);

static int parse_fx_custom(const char *val)
{
    fx.custom_calls++;
    strlcpy(fx.custom_arg, val, sizeof(fx.custom_arg));

    return strcmp(val, FIXTURE_CUSTOM_BAD) ? 0 : -FIXTURE_EINVAL;
}
custom_param("fx-custom", parse_fx_custom);

void fixture_reset(void)
{
    memset(&fx, 0, sizeof(fx));
    fx.flag = true;
    fx.u8 = fx.u16 = fx.u32 = fx.u64 = FIXTURE_DEFAULT_UINT;
    fx.dash = fx.twice_a = fx.twice_b = FIXTURE_DEFAULT_UINT;
    fx.size = fx.size32 = FIXTURE_DEFAULT_UINT;
    strlcpy(fx.str, "dflt", sizeof(fx.str));
}

void fixture_get(struct fixture_values *v)
{
    memcpy(v, &fx, sizeof(*v));
}

unsigned int fixture_parse(const char *cmdline)
{
    return cmdline_parse(cmdline);
}

const char *fixture_cmdline(void)
{
    return cmdline_get();
}
