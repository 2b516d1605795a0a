/*
 * The part of the 16-bit layer written once over the others: included at
 * the end of every bf16-<isa>.h and f16-<isa>.h, after that header's
 * vh16_* primitives and the f32 layer they sit on (see bf16-avx2.h for
 * the list).
 *
 *   vh16_load_f32(p)                 VF32_LANES encodings, widened
 *   vh16_load_f32_tail(p, count)     count of them, the other lanes +0
 *   vh16_store_f32(p, v)             rounded to the format and stored
 *   vh16_store_f32_tail(p, v, count)
 *   vh16_round_odd(hi, lo)           hi + lo rounded to odd, for
 *                                    hi = RN(hi + lo): lane by lane
 *                                    h16_round_odd (h16-round-odd.h), so
 *                                    that vh16_from_f32 of it is the
 *                                    rounding of hi + lo.  Six operations:
 *                                    where lo's sign differs from hi's the
 *                                    bits step towards zero, the last bit
 *                                    is set, and lanes with lo = 0 keep hi.
 */
#ifndef ACTBENCH_SIMD_H16_COMMON_H
#define ACTBENCH_SIMD_H16_COMMON_H

static inline vf32 vh16_load_f32(const uint16_t *p) { return vh16_to_f32(vh16_load(p)); }
static inline vf32 vh16_load_f32_tail(const uint16_t *p, size_t count)
{
    return vh16_to_f32(vh16_load_tail(p, count));
}
static inline void vh16_store_f32(uint16_t *p, vf32 v) { vh16_store(p, vh16_from_f32(v)); }
static inline void vh16_store_f32_tail(uint16_t *p, vf32 v, size_t count)
{
    vh16_store_tail(p, vh16_from_f32(v), count);
}

static inline vf32 vh16_round_odd(vf32 hi, vf32 lo)
{
    vi32 bits = vf32_as_vi32(hi);
    vi32 towards_zero = vi32_sra(vi32_xor(bits, vf32_as_vi32(lo)), 31);
    vf32 odd = vi32_as_vf32(vi32_or(vi32_add(bits, towards_zero), vi32_set1(1)));
    return vf32_select(vf32_eq(lo, vf32_zero()), hi, odd);
}

#endif
