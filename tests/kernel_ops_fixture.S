/*
 * Loops whose vector operations are known, for the operation counter
 * (scripts/kernel-ops.py; tests/kernel_ops_test.py holds the expected
 * figures).  Assembled, never called: every function only has to be the
 * code a compiler could emit for a kernel of that shape.
 *
 * Arguments as a forward's: %rdi x, %rsi y, %rdx n.
 */
    .text

/* Straight loop, 8 f32 per iteration (one ymm), index scaled by 4:
 * vfmadd231ps with a memory source (1), vaddps (1), vmulps (1), vxorps
 * of two different registers (1); not counted: the loads and the store,
 * a register move, a zeroing vxorps, a broadcast from memory.
 * 4 operations / 8 elements. */
    .globl fixture_f32_straight_avx2_forward
    .type fixture_f32_straight_avx2_forward, @function
fixture_f32_straight_avx2_forward:
    xor %eax, %eax
    vbroadcastss (%rdi), %ymm7
1:
    vmovups (%rdi,%rax,4), %ymm0
    vxorps %ymm3, %ymm3, %ymm3
    vfmadd231ps (%rdi,%rax,4), %ymm7, %ymm0
    vaddps %ymm7, %ymm0, %ymm1
    vmovaps %ymm1, %ymm2
    vmulps %ymm2, %ymm1, %ymm1
    vxorps %ymm7, %ymm1, %ymm1
    vbroadcastss 4(%rdi), %ymm4
    vmovups %ymm1, (%rsi,%rax,4)
    add $8, %rax
    cmp %rdx, %rax
    jb 1b
    vzeroupper
    ret
    .size fixture_f32_straight_avx2_forward, .-fixture_f32_straight_avx2_forward

/* A vector math library called once per vector: no floor. */
    .globl fixture_f32_calls_avx2_forward
    .type fixture_f32_calls_avx2_forward, @function
fixture_f32_calls_avx2_forward:
    push %rbx
    xor %ebx, %ebx
1:
    vmovups (%rdi,%rbx,4), %ymm0
    vaddps %ymm0, %ymm0, %ymm0
    call fixture_vector_exp@PLT
    vmovups %ymm0, (%rsi,%rbx,4)
    add $8, %rbx
    cmp %rdx, %rbx
    jb 1b
    pop %rbx
    ret
    .size fixture_f32_calls_avx2_forward, .-fixture_f32_calls_avx2_forward

/* Two vectors (16 f32) per iteration through two pointers advanced by
 * add, special lanes tested (vcmpps, vorps, vmovmskps: 3) and sent to a
 * special_case routine on a branch of their own, which is not counted;
 * plus vmulps twice: 5 operations / 16 elements. */
    .globl fixture_f32_special_avx2_forward
    .type fixture_f32_special_avx2_forward, @function
fixture_f32_special_avx2_forward:
    lea (%rdi,%rdx,4), %rcx
1:
    vmovups (%rdi), %ymm0
    vmovups 32(%rdi), %ymm1
    vmulps %ymm0, %ymm0, %ymm2
    vmulps %ymm1, %ymm1, %ymm3
    vcmpunordps %ymm1, %ymm0, %ymm4
    vorps %ymm4, %ymm4, %ymm4
    vmovmskps %ymm4, %eax
    test %eax, %eax
    jne 3f
2:
    vmovups %ymm2, (%rsi)
    vmovups %ymm3, 32(%rsi)
    add $64, %rdi
    add $64, %rsi
    cmp %rcx, %rdi
    jb 1b
    vzeroupper
    ret
3:
    vaddps %ymm0, %ymm2, %ymm2
    vaddps %ymm1, %ymm3, %ymm3
    call fixture_special_case
    jmp 2b
    .size fixture_f32_special_avx2_forward, .-fixture_f32_special_avx2_forward

    .type fixture_special_case, @function
fixture_special_case:
    ret
    .size fixture_special_case, .-fixture_special_case

/* Rows: an outer loop over rows whose passes are inner loops (a maximum,
 * then a scaled store): no floor. */
    .globl fixture_f32_rows_avx2_forward
    .type fixture_f32_rows_avx2_forward, @function
fixture_f32_rows_avx2_forward:
    xor %r8d, %r8d
1:
    xor %eax, %eax
    test %rcx, %rcx
    je 4f
    vxorps %ymm1, %ymm1, %ymm1
2:
    vmaxps (%rdi,%rax,4), %ymm1, %ymm1
    add $8, %rax
    cmp %rcx, %rax
    jb 2b
    xor %eax, %eax
3:
    vmulps (%rdi,%rax,4), %ymm1, %ymm0
    vaddps %ymm0, %ymm1, %ymm0
    vmovups %ymm0, (%rsi,%rax,4)
    add $8, %rax
    cmp %rcx, %rax
    jb 3b
4:
    lea (%rdi,%rcx,4), %rdi
    lea (%rsi,%rcx,4), %rsi
    add %rcx, %r8
    cmp %rdx, %r8
    jb 1b
    vzeroupper
    ret
    .size fixture_f32_rows_avx2_forward, .-fixture_f32_rows_avx2_forward

/* Scalar code that branches on each element's value: no floor. */
    .globl fixture_f32_branchy_scalar_forward
    .type fixture_f32_branchy_scalar_forward, @function
fixture_f32_branchy_scalar_forward:
    xor %eax, %eax
    pxor %xmm1, %xmm1
1:
    movss (%rdi,%rax,4), %xmm0
    ucomiss %xmm1, %xmm0
    ja 2f
    mulss %xmm0, %xmm0
    addss %xmm0, %xmm0
2:
    movss %xmm0, (%rsi,%rax,4)
    add $1, %rax
    cmp %rdx, %rax
    jne 1b
    ret
    .size fixture_f32_branchy_scalar_forward, .-fixture_f32_branchy_scalar_forward

/* AVX-512, 16 f32 per iteration, the pointer advanced by lea into another
 * register and moved back (as compilers rotate registers): vcmpps into k1
 * (1), a masked register move, a blend (1), vbroadcastss from a register
 * (1), vpternlogd (1), kxnorw (1), kortestw (1) branching to a
 * special_case; not counted: a masked load, a zeroing vpxord, a gather
 * (counted apart).  6 operations / 16 elements, 1 gather. */
    .globl fixture_f32_masks_avx512f_forward
    .type fixture_f32_masks_avx512f_forward, @function
fixture_f32_masks_avx512f_forward:
    mov %rdi, %r9
    lea (%rdi,%rdx,4), %rcx
    kxnorw %k0, %k0, %k2
1:
    vmovups (%r9), %zmm0
    vmovups (%r9), %zmm5{%k2}{z}
    vpxord %zmm3, %zmm3, %zmm3
    vcmpps $3, %zmm0, %zmm0, %k1
    vmovaps %zmm3, %zmm0{%k1}
    vbroadcastss %xmm0, %zmm2
    vpternlogd $0x96, %zmm2, %zmm5, %zmm0
    kxnorw %k0, %k0, %k3
    vgatherdps (%rsi,%zmm5,4), %zmm6{%k3}
    lea 64(%r9), %r8
    vmovups %zmm0, (%rsi)
    kortestw %k1, %k1
    jne 3f
2:
    add $64, %rsi
    mov %r8, %r9
    cmp %rcx, %r9
    jb 1b
    vzeroupper
    ret
3:
    call fixture_special_case
    jmp 2b
    .size fixture_f32_masks_avx512f_forward, .-fixture_f32_masks_avx512f_forward

/* bf16: 16 encodings of 2 bytes per ymm, the index stepped by a negative
 * immediate counting down to 0 (sub $-16): vpmaxsw, vpand: 2 operations
 * / 16 elements. */
    .globl fixture_bf16_halves_avx2_forward
    .type fixture_bf16_halves_avx2_forward, @function
fixture_bf16_halves_avx2_forward:
    mov %rdx, %rax
    neg %rax
    lea (%rdi,%rdx,2), %rdi
    lea (%rsi,%rdx,2), %rsi
1:
    vmovdqu (%rdi,%rax,2), %ymm0
    vpmaxsw %ymm1, %ymm0, %ymm0
    vpand %ymm2, %ymm0, %ymm0
    vmovdqu %ymm0, (%rsi,%rax,2)
    sub $-16, %rax
    jne 1b
    vzeroupper
    ret
    .size fixture_bf16_halves_avx2_forward, .-fixture_bf16_halves_avx2_forward

/* A kernel whose loop the compiler split into a clone it jumps to
 * (name.part.0): counted in the clone.  vsubps, vmulps: 2 / 8. */
    .globl fixture_f32_split_avx2_forward
    .type fixture_f32_split_avx2_forward, @function
fixture_f32_split_avx2_forward:
    test %rdx, %rdx
    jne fixture_f32_split_avx2_forward.part.0
    ret
    .size fixture_f32_split_avx2_forward, .-fixture_f32_split_avx2_forward

    .type fixture_f32_split_avx2_forward.part.0, @function
fixture_f32_split_avx2_forward.part.0:
    xor %eax, %eax
1:
    vmovups (%rdi,%rax,4), %ymm0
    vsubps %ymm1, %ymm0, %ymm0
    vmulps %ymm0, %ymm0, %ymm0
    vmovups %ymm0, (%rsi,%rax,4)
    add $8, %rax
    cmp %rdx, %rax
    jb 1b
    vzeroupper
    ret
    .size fixture_f32_split_avx2_forward.part.0, .-fixture_f32_split_avx2_forward.part.0

/* The gradient of the straight kernel: no loop, the work is done by a
 * function of another library. */
    .globl fixture_f32_straight_avx2_gradient
    .type fixture_f32_straight_avx2_gradient, @function
fixture_f32_straight_avx2_gradient:
    jmp fixture_rows_gradient@PLT
    .size fixture_f32_straight_avx2_gradient, .-fixture_f32_straight_avx2_gradient

    .section .note.GNU-stack,"",@progbits
