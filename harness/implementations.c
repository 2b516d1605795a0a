/* Built-in and external kernels, resolved and validated; see implementations.h. */
#define _GNU_SOURCE
#include "implementations.h"

#include <dlfcn.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../impls/isa.h"
#include "../impls/peers/probe.h"

/* A library with more entries than this is taken for a corrupt table. */
#define MAX_LIBRARY_KERNELS 100000

static const char *const type_names[ACTBENCH_TYPE_COUNT] = {"f32", "bf16", "f16"};

/* Where an entry comes from, for messages: "impls/registry.inc" or
 * "library X". */
struct origin {
    const char *library; /* NULL: built in */
    size_t index;
};

static int refuse(char *error, size_t size, const struct origin *o, const char *name,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static int refuse(char *error, size_t size, const struct origin *o, const char *name,
                  const char *fmt, ...)
{
    char why[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    if (o->library)
        snprintf(error, size, "--kernel %s: entry %zu%s%s%s: %s", o->library, o->index,
                 name ? " (" : "", name ? name : "", name ? ")" : "", why);
    else
        snprintf(error, size, "built-in kernel %s: %s", name ? name : "(unnamed)", why);
    return -1;
}

static bool is_bound(double b)
{
    return isfinite(b) && b >= 0.0;
}

static void list_activations(char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int a = 0; a < ACT_COUNT && used < size; a++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", a ? ", " : "",
                                 activation_catalog[a].name);
}

static void list_isas(char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < isa_count && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", isa_table[i].name);
}

/* name == <activation>_<type>_<method>[_<variant>]_<isa>, in lower-case
 * letters, digits and underscores; method NULL: any method part. */
static bool name_follows_rule(const char *name, const char *activation, const char *type,
                              const char *method, const char *isa)
{
    if (name[strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_")] != '\0')
        return false;
    char prefix[128];
    snprintf(prefix, sizeof prefix, "%s_%s_", activation, type);
    size_t plen = strlen(prefix), nlen = strlen(name), ilen = strlen(isa);
    if (nlen < plen + ilen + 2 || strncmp(name, prefix, plen) != 0)
        return false;
    if (name[nlen - ilen - 1] != '_' || strcmp(name + nlen - ilen, isa) != 0)
        return false;
    const char *middle = name + plen;
    size_t middle_len = nlen - ilen - 1 - plen;
    if (!method)
        return true;
    size_t mlen = strlen(method);
    return mlen <= middle_len && strncmp(middle, method, mlen) == 0 &&
           (mlen == middle_len || middle[mlen] == '_');
}

/* Bounds in each format the kernel is measured in: its own type's as
 * declared, the 16-bit formats of an f32 kernel derived when left 0. */
static void resolve_bounds(struct implementation *im)
{
    const struct actbench_kernel *k = im->kernel;
    for (int f = 0; f < FMT_COUNT; f++) {
        im->value_bound[f] = im->gradient_bound[f] = NAN;
        if (!impl_measures_format(im, (enum number_format)f))
            continue;
        double v = k->bounds[f].value_ulp, g = k->bounds[f].gradient_ulp;
        if (f != (int)im->type && v == 0.0)
            v = 0.5 + ldexp(k->bounds[im->type].value_ulp, format_catalog[f].precision - 24);
        if (f != (int)im->type && g == 0.0)
            g = 0.5 + ldexp(k->bounds[im->type].gradient_ulp, format_catalog[f].precision - 24);
        im->value_bound[f] = v;
        im->gradient_bound[f] = impl_has_gradient(im) ? g : NAN;
    }
}

/* Validate one entry against the contract and the names in use, and fill
 * im from it. */
static int resolve(const struct actbench_kernel *k, const struct origin *o,
                   const struct implementation *taken, size_t taken_count,
                   struct implementation *im, char *error, size_t size)
{
    char valid[1024];
    if (!k->name || !k->name[0])
        return refuse(error, size, o, NULL, "no name");
    const char *name = k->name;
    for (size_t i = 0; i < taken_count; i++)
        if (strcmp(taken[i].name, name) == 0)
            return refuse(error, size, o, name, "the name is already taken by %s",
                          taken[i].library ? taken[i].library : "a built-in kernel");
    if (!k->activation || activation_by_name(k->activation) == ACT_COUNT) {
        list_activations(valid, sizeof valid);
        return refuse(error, size, o, name, "unknown activation '%s'; valid activations: %s",
                      k->activation ? k->activation : "(none)", valid);
    }
    if ((unsigned)k->type >= ACTBENCH_TYPE_COUNT)
        return refuse(error, size, o, name,
                      "unknown type %d; valid types: ACTBENCH_F32, ACTBENCH_BF16, ACTBENCH_F16",
                      (int)k->type);
    if (!k->isa || isa_by_name(k->isa) < 0) {
        list_isas(valid, sizeof valid);
        return refuse(error, size, o, name, "unknown ISA '%s'; valid ISAs: %s",
                      k->isa ? k->isa : "(none)", valid);
    }
    if (k->unroll == 0)
        return refuse(error, size, o, name,
                      "unroll is 0 (elements per main-loop iteration, 1 for a plain loop)");
    bool is16 = k->type != ACTBENCH_F32;
    if (is16 ? !k->forward.u16 : !k->forward.f32)
        return refuse(error, size, o, name, "no forward function");
    bool has_gradient = is16 ? k->gradient.u16 != NULL : k->gradient.f32 != NULL;
    for (int f = 0; f < ACTBENCH_TYPE_COUNT; f++) {
        bool own = f == (int)k->type;
        if (!is_bound(k->bounds[f].value_ulp) ||
            (has_gradient && !is_bound(k->bounds[f].gradient_ulp)))
            return refuse(error, size, o, name,
                          "a bound of %s is not a finite number >= 0 (value %g, gradient %g)",
                          type_names[f], k->bounds[f].value_ulp, k->bounds[f].gradient_ulp);
        if (is16 && !own && (k->bounds[f].value_ulp != 0.0 || k->bounds[f].gradient_ulp != 0.0))
            return refuse(error, size, o, name,
                          "a %s kernel is measured in %s only, yet declares bounds for %s",
                          type_names[k->type], type_names[k->type], type_names[f]);
    }
    if (!k->description)
        return refuse(error, size, o, name, "no description");
    memset(im, 0, sizeof *im);
    im->name = name;
    im->kernel = k;
    im->activation = activation_by_name(k->activation);
    im->type = (enum number_format)k->type;
    im->isa = isa_by_name(k->isa);
    im->library = o->library;
    return 0;
}

static int add_builtins(struct implementation_set *set, char *error, size_t size)
{
    for (size_t i = 0; i < builtin_kernel_count; i++) {
        const struct builtin_kernel *b = &builtin_kernels[i];
        if (!b->kernel)
            continue; /* its ISA was left out of the build */
        struct origin o = {NULL, i};
        struct implementation *im = &set->items[set->count];
        if (resolve(b->kernel, &o, set->items, set->count, im, error, size))
            return -1;
        if (strcmp(im->name, b->symbol) != 0)
            return refuse(error, size, &o, im->name,
                          "its descriptor is named %s in impls/registry.inc; the descriptor "
                          "symbol and its .name must be the same", b->symbol);
        if (!name_follows_rule(im->name, b->kernel->activation, type_names[im->type],
                               impl_method_name(b->method), b->kernel->isa))
            return refuse(error, size, &o, im->name,
                          "the name is not <activation>_<type>_%s[_<variant>]_<isa> for its "
                          "activation, type and ISA (method %s)",
                          impl_method_name(b->method), impl_method_name(b->method));
        im->method = b->method;
        im->tier = b->tier;
        im->flags = b->flags;
        im->bound_source = b->bound_source;
        resolve_bounds(im);
        set->count++;
    }
    return 0;
}

static int add_library(struct implementation_set *set, const char *path, char *error,
                       size_t size)
{
    /* a bare name would make dlopen search the system's library path */
    char resolved[4096];
    snprintf(resolved, sizeof resolved, "%s%s", strchr(path, '/') ? "" : "./", path);
    void *handle = dlopen(resolved, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        snprintf(error, size, "--kernel %s: cannot load: %s", path, dlerror());
        return -1;
    }
    set->libraries[set->library_count++] = handle;
    const struct actbench_kernel_table *table = dlsym(handle, ACTBENCH_KERNEL_TABLE_SYMBOL);
    if (!table) {
        snprintf(error, size,
                 "--kernel %s: no symbol '%s' (a const struct actbench_kernel_table, "
                 "include/actbench/kernel.h)",
                 path, ACTBENCH_KERNEL_TABLE_SYMBOL);
        return -1;
    }
    if (table->abi != ACTBENCH_KERNEL_ABI) {
        snprintf(error, size,
                 "--kernel %s: built for kernel ABI %u; this actbench takes ABI %d "
                 "(rebuild it against this actbench's <actbench/kernel.h>)",
                 path, table->abi, ACTBENCH_KERNEL_ABI);
        return -1;
    }
    if (table->count == 0 || table->count > MAX_LIBRARY_KERNELS || !table->kernels) {
        snprintf(error, size, "--kernel %s: its table lists %zu kernels%s", path, table->count,
                 table->kernels ? " (1 to 100000 expected)" : " and no array");
        return -1;
    }
    struct implementation *grown =
        realloc(set->items, (set->count + table->count) * sizeof *set->items);
    if (!grown) {
        snprintf(error, size, "--kernel %s: out of memory for %zu kernels", path, table->count);
        return -1;
    }
    set->items = grown;
    for (size_t i = 0; i < table->count; i++) {
        const struct actbench_kernel *k = &table->kernels[i];
        struct origin o = {path, i};
        struct implementation *im = &set->items[set->count];
        if (resolve(k, &o, set->items, set->count, im, error, size))
            return -1;
        if (!name_follows_rule(im->name, k->activation, type_names[im->type], NULL, k->isa))
            return refuse(error, size, &o, im->name,
                          "the name is not <activation>_<type>_<method>[_<variant>]_<isa> for "
                          "its activation, type and ISA (e.g. %s_%s_mine_avx2)",
                          k->activation, type_names[im->type]);
        im->method = METHOD_EXTERNAL;
        im->tier = TIER_NONE;
        resolve_bounds(im);
        set->count++;
    }
    return 0;
}

int implementations_load(struct implementation_set *set, const char *const *libraries,
                         size_t library_count, char *error, size_t error_size)
{
    memset(set, 0, sizeof *set);
    set->items = calloc(builtin_kernel_count ? builtin_kernel_count : 1, sizeof *set->items);
    set->libraries = calloc(library_count ? library_count : 1, sizeof *set->libraries);
    if (!set->items || !set->libraries) {
        implementations_free(set);
        snprintf(error, error_size, "out of memory for the registry");
        return -1;
    }
    int status = add_builtins(set, error, error_size);
    for (size_t i = 0; i < library_count && status == 0; i++)
        status = add_library(set, libraries[i], error, error_size);
    if (status != 0)
        implementations_free(set);
    return status;
}

void implementations_free(struct implementation_set *set)
{
    free(set->items);
    for (size_t i = 0; i < set->library_count; i++)
        dlclose(set->libraries[i]);
    free(set->libraries);
    memset(set, 0, sizeof *set);
}

bool impl_runs_here(const struct implementation *im)
{
    return impl_skip_status(im) == NULL;
}

/* What a framework peer answered to a trial call of a 16-bit kernel
 * (impls/peers/probe.h), once per kernel: NULL when it runs.  oneDNN and
 * XNNPACK create their 16-bit operations only where the CPU has the
 * library's kernels for them; f32 ones exist on every ISA the rows name. */
struct peer_answer {
    const struct actbench_kernel *kernel;
    char *reason;
};

static pthread_mutex_t peer_answer_lock = PTHREAD_MUTEX_INITIALIZER;
static struct peer_answer *peer_answers;
static size_t peer_answer_count;

static const char *peer_unavailable(const struct implementation *im)
{
    if ((im->method != METHOD_ONEDNN && im->method != METHOD_XNNPACK) || im->type == FMT_F32 ||
        im->library != NULL)
        return NULL;
    pthread_mutex_lock(&peer_answer_lock);
    const char *reason = NULL;
    for (size_t i = 0; i < peer_answer_count; i++)
        if (peer_answers[i].kernel == im->kernel) {
            reason = peer_answers[i].reason;
            pthread_mutex_unlock(&peer_answer_lock);
            return reason;
        }
    struct actbench_params p;
    act_params_default(im->activation, &p);
    size_t n = p.row_length ? p.row_length : p.group ? p.group : 16;
    float *buffers = calloc(4 * n, sizeof *buffers);
    struct peer_answer *grown = realloc(peer_answers, (peer_answer_count + 1) * sizeof *grown);
    if (buffers && grown) {
        peer_answers = grown;
        float *x = buffers, *y = x + n, *dy = y + n, *dx = dy + n;
        for (size_t i = 0; i < n; i++) {
            x[i] = 0.5f * (float)((int)(i % 9) - 4);
            dy[i] = 1.0f;
        }
        peer_probe_begin();
        impl_forward(im, x, y, n, &p);
        if (impl_has_gradient(im))
            impl_gradient(im, x, y, dy, dx, NULL, n, &p);
        const char *failure = peer_probe_end();
        char *kept = failure ? strdup(failure) : NULL;
        reason = failure ? (kept ? kept : "the library could not create the operation") : NULL;
        peer_answers[peer_answer_count++] = (struct peer_answer){im->kernel, kept};
    } else {
        if (grown)
            peer_answers = grown;
        reason = NULL; /* out of memory: measured, and any failure shows as NaN */
    }
    free(buffers);
    pthread_mutex_unlock(&peer_answer_lock);
    return reason;
}

const char *impl_skip_status(const struct implementation *im)
{
    if (im->method != METHOD_EXTERNAL && impl_method_missing(im->method))
        return "skipped_library";
    if (!isa_supported(im->isa))
        return "skipped_isa";
    return peer_unavailable(im) ? "skipped_unsupported" : NULL;
}

const char *impl_skip_note(const struct implementation *im)
{
    if (im->method != METHOD_EXTERNAL && impl_method_missing(im->method))
        return impl_method_missing(im->method);
    if (!isa_supported(im->isa))
        return "this CPU lacks the ISA";
    const char *reason = peer_unavailable(im);
    return reason ? reason : "";
}

bool impl_has_gradient(const struct implementation *im)
{
    return im->type == FMT_F32 ? im->kernel->gradient.f32 != NULL
                               : im->kernel->gradient.u16 != NULL;
}

bool impl_measures_format(const struct implementation *im, enum number_format fmt)
{
    return im->type == FMT_F32 || im->type == fmt;
}

bool impl_bound_is_contract(const struct implementation *im)
{
    return im->bound_source == NULL;
}

/* ---- calls through float buffers ---------------------------------------------- */

static void encode(enum number_format fmt, const float *in, uint16_t *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = format_encode16(fmt, in[i]);
}

static void decode(enum number_format fmt, const uint16_t *in, float *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = format_decode16(fmt, in[i]);
}

int impl_forward(const struct implementation *im, const float *x, float *y, size_t n,
                 const struct actbench_params *p)
{
    if (im->type == FMT_F32) {
        im->kernel->forward.f32(x, y, n, p);
        return 0;
    }
    size_t outputs = activation_output_count(im->activation, p, n);
    uint16_t *bx = malloc((n + outputs + 1) * sizeof *bx);
    if (!bx)
        return -1;
    uint16_t *by = x == y ? bx : bx + n;
    encode(im->type, x, bx, n);
    im->kernel->forward.u16(bx, by, n, p);
    decode(im->type, by, y, outputs);
    free(bx);
    return 0;
}

int impl_gradient(const struct implementation *im, const float *x, const float *y,
                  const float *dy, float *dx, float *dparam, size_t n,
                  const struct actbench_params *p)
{
    if (im->type == FMT_F32) {
        im->kernel->gradient.f32(x, y, dy, dx, dparam, n, p);
        return 0;
    }
    size_t outputs = activation_output_count(im->activation, p, n);
    uint16_t *buf = malloc((3 * n + 2 * outputs + 1) * sizeof *buf);
    if (!buf)
        return -1;
    uint16_t *bx = buf, *by = buf + n, *bdy = by + outputs, *bdx = bdy + outputs,
             *bdp = bdx + n;
    encode(im->type, x, bx, n);
    encode(im->type, y, by, outputs);
    encode(im->type, dy, bdy, outputs);
    /* in place where the caller is: dx over dy */
    uint16_t *out = (const float *)dx == dy ? bdy : bdx;
    im->kernel->gradient.u16(bx, by, bdy, out, dparam ? bdp : NULL, n, p);
    decode(im->type, out, dx, n);
    if (dparam)
        decode(im->type, bdp, dparam, n);
    free(buf);
    return 0;
}
