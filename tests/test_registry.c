/*
 * The registry's rules, checked on every built-in kernel (argv[1] is the
 * source tree): its descriptor resolves and validates like a --kernel
 * library's entry (harness/implementations.c refuses the whole registry
 * otherwise), its name is <activation>_<type>_<method>[_<variant>]_<isa>
 * with the descriptor's own activation, type, ISA and the registry line's
 * method, and it lives in impls/<activation>/<name>.c.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../harness/implementations.h"
#include "../impls/isa.h"
#include "check.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_registry SOURCE_ROOT\n");
        return 2;
    }
    struct implementation_set set;
    char error[1024];
    check(implementations_load(&set, NULL, 0, error, sizeof error) == 0,
          "the registry loads: %s", error);
    size_t built_in = 0;
    for (size_t i = 0; i < set.count; i++) {
        const struct implementation *im = &set.items[i];
        if (im->library)
            continue;
        built_in++;
        const char *activation = activation_catalog[im->activation].name;
        char expected_prefix[128];
        snprintf(expected_prefix, sizeof expected_prefix, "%s_%s_%s", activation,
                 format_catalog[im->type].name, impl_method_name(im->method));
        const char *isa = isa_table[im->isa].name;
        size_t n = strlen(im->name), k = strlen(isa);
        check(strncmp(im->name, expected_prefix, strlen(expected_prefix)) == 0 && n > k &&
                  strcmp(im->name + n - k, isa) == 0 && im->name[n - k - 1] == '_',
              "%s is %s[_<variant>]_%s", im->name, expected_prefix, isa);
        char path[4096];
        snprintf(path, sizeof path, "%s/impls/%s/%s.c", argv[1], activation, im->name);
        check(access(path, R_OK) == 0, "%s lives in impls/%s/%s.c", im->name, activation,
              im->name);
        check(im->kernel->unroll >= 1 && im->kernel->description[0] != '\0',
              "%s declares its unroll and a description", im->name);
    }
    check(built_in > 0, "%zu built-in kernels", built_in);
    implementations_free(&set);
    return check_summary("registry");
}
