#!/usr/bin/env python3
"""Vector operations per element of every built-in kernel, counted in its
compiled code, and the C table actbench's speed rows read them from.

  kernel-ops.py --registry impls/registry.inc --output kernel_ops.c LIB.a...
      disassemble the per-ISA kernel libraries (objdump -d -r) and write
      the table of every kernel of the registry found in them
  kernel-ops.py --no-objdump --registry impls/registry.inc --output kernel_ops.c
      the same table with every count empty, saying why (no objdump)
  kernel-ops.py --show FILE.o|LIB.a...
      print what was found for every <name>_forward / <name>_gradient
      function (main loop, operations, elements, why no floor)

What is counted (README.md, "Floors"):

- The main loop.  The function's control-flow graph is built from its
  code and from the local clones it jumps to (name.part.0, .isra, ...);
  its loops are the natural loops of its back edges (an edge to a block
  that dominates its source), the loops of one header merged.  A loop's
  path is that of an iteration whose elements need no special case: the
  fewest instructions from its header back to it, going round blocks that
  call a function or belong to an inner loop where it can.  Candidates
  are the loops that run no inner loop on every iteration, nor go round
  one by a branch that is not a lane-mask test (a loop over rows whose
  passes are its inner loops); the main loop is the candidate with the
  most vector operations on its path.
- Which code.  A scalar own kernel's entry point has two clones
  (impls/scalar_fma_clones.h.in): the one counted is name.fma, which
  every CPU with the FMA instruction runs.
- Vector operations: instructions writing an xmm, ymm, zmm or k register
  that compute (arithmetic, logic, compare, blend, shuffle and permute,
  broadcast from a register, conversion, FMA, division), plus the vector
  tests and extractions that write flags or a general register (ptest,
  vtestps, movmskps, comiss, kortest).  Not counted: moves between
  registers, loads (broadcasts from memory, masked and gathered loads
  included; gathers are counted apart), stores, vzeroupper, and zeroing
  idioms (a register xored or subtracted with itself).  An operation with
  a memory source counts once.  A register-to-register move under a k
  mask is a blend and counts.
- Elements per iteration: how far the loop's data pointers move in one
  iteration (the general registers used to address memory, followed
  through add, sub, lea, mov and inc along the path), the largest stride
  in bytes over the element size (4 for f32, 2 for bf16 and f16).  This
  is what the compiled loop does: a scalar kernel's loop that the
  compiler vectorised processes 4 elements an iteration although its
  source loop (and descriptor) says 1.
- No floor (the reason goes into the table): no loop; the main loop calls
  a function (a vector or scalar math library, once per vector or
  element) other than a special_case routine off its path; it runs inside
  another loop (a row or group loop making several passes); it branches
  on each element's value (a scalar comiss deciding the way through the
  loop); no data pointer moves by whole elements.
"""
import argparse
import collections
import re
import shutil
import subprocess
import sys
from pathlib import Path

TYPE_SIZES = {"f32": 4, "bf16": 2, "f16": 2}

FUNCTION_LINE = re.compile(r"^([0-9a-f]+) <([^>]+)>:$")
INSTRUCTION_LINE = re.compile(r"^\s*([0-9a-f]+):\t(.*)$")
RELOCATION_LINE = re.compile(r"^\s*([0-9a-f]+): (R_X86_64_\w+)\s+(\S+)")
SECTION_LINE = re.compile(r"^Disassembly of section (\S+):$")
OBJECT_LINE = re.compile(r"^(\S.*):\s+file format ")

VECTOR_REGISTER = re.compile(r"^%[xyz]mm\d+$")
MASK_REGISTER = re.compile(r"^%k[0-7]$")

# Plain moves, loads and stores: never an operation (a register-to-register
# move under a k mask is a blend, handled apart).
MOVES = re.compile(
    r"^v?mov(aps|apd|ups|upd|dqa|dqu|dqa32|dqa64|dqu8|dqu16|dqu32|dqu64|ss|sd|sh|d|q|w"
    r"|lps|hps|lpd|hpd|ntps|ntpd|ntdq|ntdqa|nti)$"
    r"|^kmov[bwdq]$|^v?lddqu$")
LOADS = re.compile(r"^v?p?maskmov|^v(p)?gather|^v(p)?scatter|^vzero(upper|all)$|^prefetch")
BROADCASTS = re.compile(r"^v(p)?broadcast")
GATHERS = re.compile(r"^v(p)?gather")
# Vector instructions whose result goes to flags or a general register.
VECTOR_TO_SCALAR = re.compile(
    r"^v?(movmskp[sd]|pmovmskb|ptest|testp[sd]|u?comis[sdh]|pextr[bwdq]|extractps"
    r"|cvtt?s[sdh]2u?si)$|^kortest[bwdq]$|^ktest[bwdq]$")
ZEROING = re.compile(r"^v?(p?xor|xorp[sd]|pxor[dq]|psub[bwdq]|subp[sd])$|^kxor[bwdq]$")
# Instructions that write none of their operands (AT&T: the last operand
# is the destination of all the others).
NO_WRITE = re.compile(r"^(cmp[bwlq]?|test[bwlq]?|bt[wlq]?|push[wlq]?|j[a-z]+|call[q]?|ret[q]?|"
                      r"nop[wl]?|endbr64|ud2|hlt|prefetch\w*|vzero(upper|all)|[lms]fence|pause|"
                      r"v?u?comis[sdh]|v?ptest|vtestp[sd]|kortest[bwdq]|ktest[bwdq]|leave[q]?|"
                      r"int3)$")
GPR_NAMES = {}
for _full, _parts in {
        "rax": ("eax", "ax", "al", "ah"), "rbx": ("ebx", "bx", "bl", "bh"),
        "rcx": ("ecx", "cx", "cl", "ch"), "rdx": ("edx", "dx", "dl", "dh"),
        "rsi": ("esi", "si", "sil"), "rdi": ("edi", "di", "dil"),
        "rbp": ("ebp", "bp", "bpl"), "rsp": ("esp", "sp", "spl")}.items():
    GPR_NAMES[_full] = _full
    for _p in _parts:
        GPR_NAMES[_p] = _full
for _i in range(8, 16):
    for _suffix in ("", "d", "w", "b"):
        GPR_NAMES[f"r{_i}{_suffix}"] = f"r{_i}"
CLONE_SUFFIX = re.compile(r"\.(part|isra|constprop|cold|lto_priv)\.?\d*")


class Instruction:
    __slots__ = ("address", "mnemonic", "operands", "target", "call_target")

    def __init__(self, address, text):
        self.address = address
        fields = text.split(None, 1)
        mnemonic = fields[0] if fields else ""
        rest = fields[1] if len(fields) > 1 else ""
        # prefixes objdump prints before the mnemonic
        while mnemonic in ("rep", "repz", "repnz", "lock", "notrack", "bnd", "data16", "cs", "ds") \
                and rest:
            fields = rest.split(None, 1)
            mnemonic = fields[0]
            rest = fields[1] if len(fields) > 1 else ""
        rest = rest.split("#", 1)[0].strip()
        self.mnemonic = mnemonic
        self.operands = split_operands(rest)
        self.target = None       # direct jump or call target address (same section)
        self.call_target = None  # name of the called function
        if self.is_jump() or self.is_call():
            found = re.match(r"^([0-9a-f]+)(?: <([^>]*)>)?$", rest)
            if found:
                self.target = int(found.group(1), 16)
                if found.group(2):
                    self.call_target = found.group(2).split("+", 1)[0]

    def is_jump(self):
        return self.mnemonic.startswith("j")

    def is_conditional_jump(self):
        return self.is_jump() and not self.mnemonic.startswith("jmp")

    def is_call(self):
        return self.mnemonic.startswith("call")

    def ends_block(self):
        return self.is_jump() or self.mnemonic.startswith(("ret", "ud2", "hlt"))

    def destination(self):
        if not self.operands or NO_WRITE.match(self.mnemonic):
            return None
        return self.operands[-1]


def split_operands(text):
    operands, depth, current = [], 0, ""
    for ch in text:
        if ch in "({":
            depth += 1
        elif ch in ")}":
            depth -= 1
        if ch == "," and depth == 0:
            operands.append(current.strip())
            current = ""
        else:
            current += ch
    if current.strip():
        operands.append(current.strip())
    return operands


def bare_register(operand):
    """'%zmm0{%k1}{z}' -> '%zmm0'; None for memory and immediates."""
    if not operand.startswith("%"):
        return None
    return operand.split("{", 1)[0]


def is_memory(operand):
    """(%rdi), 0x40(%rax,%rbx,4), 0x0(%rip){1to16}, or an absolute address."""
    if operand.startswith(("%", "$", "{")):
        return False
    return "(" in operand or re.match(r"^-?0x[0-9a-f]+$", operand) is not None


def has_merge_mask(operand):
    return re.search(r"\{%k[1-7]\}", operand) is not None


def classify(ins):
    """'op' (a vector operation), 'gather', or None."""
    m = ins.mnemonic
    if GATHERS.match(m):
        return "gather"
    if VECTOR_TO_SCALAR.match(m):
        return "op"
    dest = ins.destination()
    if dest is None:
        return None
    reg = bare_register(dest)
    if reg is None or not (VECTOR_REGISTER.match(reg) or MASK_REGISTER.match(reg)):
        return None
    sources = ins.operands[:-1]
    if LOADS.match(m):
        return None
    if BROADCASTS.match(m):
        return None if any(is_memory(s) for s in sources) else "op"
    if MOVES.match(m):
        register_sources = [s for s in sources if bare_register(s)]
        if len(register_sources) >= 2:
            return "op"  # movss/movsd %xmm, %xmm, %xmm merge two registers
        if has_merge_mask(dest) and register_sources and not any(is_memory(s) for s in sources):
            return "op"  # a masked register move is a blend
        return None
    if ZEROING.match(m):
        registers = [bare_register(s) for s in ins.operands]
        if all(registers) and len(set(registers)) == 1:
            return None
    return "op"


def parse_objdump(text):
    """objdump -d -r output as {(object, section): {function: [Instruction]}};
    a call or jump with a relocation gets the symbol as its call_target
    and no target address (it leaves the section)."""
    functions = collections.OrderedDict()
    obj, section, current = "", "", None
    last = None
    for line in text.splitlines():
        found = OBJECT_LINE.match(line)
        if found:
            obj, current = found.group(1), None
            continue
        found = SECTION_LINE.match(line)
        if found:
            section, current = found.group(1), None
            continue
        found = FUNCTION_LINE.match(line)
        if found:
            current = []
            functions.setdefault((obj, section), collections.OrderedDict())[found.group(2)] = current
            continue
        if current is None:
            continue
        found = RELOCATION_LINE.match(line)
        if found and last is not None:
            if (last.is_call() or last.is_jump()) and found.group(2) in (
                    "R_X86_64_PLT32", "R_X86_64_PC32", "R_X86_64_GOTPCRELX", "R_X86_64_GOTPCREL"):
                symbol = re.sub(r"[-+]0x[0-9a-f]+$", "", found.group(3))
                last.call_target = symbol
                last.target = None  # outside this section: a call or tail call
            continue
        found = INSTRUCTION_LINE.match(line)
        if found:
            text_part = found.group(2).strip()
            if not text_part or text_part.startswith("(bad)"):
                continue
            last = Instruction(int(found.group(1), 16), text_part)
            current.append(last)
    return functions


class Block:
    __slots__ = ("index", "instructions", "successors", "predecessors")

    def __init__(self, index, instructions):
        self.index = index
        self.instructions = instructions
        self.successors = []
        self.predecessors = []

    def ops(self):
        return sum(1 for ins in self.instructions if classify(ins) == "op")

    def gathers(self):
        return sum(1 for ins in self.instructions if classify(ins) == "gather")

    def calls(self):
        return [ins.call_target or "an indirect target" for ins in self.instructions if ins.is_call()]


def build_blocks(instructions):
    if not instructions:
        return []
    addresses = {ins.address for ins in instructions}
    leaders = {instructions[0].address}
    for i, ins in enumerate(instructions):
        if ins.is_jump() and ins.target in addresses:
            leaders.add(ins.target)
        if ins.ends_block() and i + 1 < len(instructions):
            leaders.add(instructions[i + 1].address)
    blocks, by_address = [], {}
    for ins in instructions:
        if ins.address in leaders:
            blocks.append(Block(len(blocks), []))
            by_address[ins.address] = blocks[-1]
        blocks[-1].instructions.append(ins)
    for i, block in enumerate(blocks):
        last = block.instructions[-1]
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if last.is_jump():
            if last.target in by_address:
                block.successors.append(by_address[last.target])
            if last.is_conditional_jump() and following:
                block.successors.append(following)
        elif not last.ends_block() and following:
            block.successors.append(following)
    for block in blocks:
        block.successors = list(dict.fromkeys(block.successors))
        for s in block.successors:
            s.predecessors.append(block)
    return blocks


def dominators(blocks):
    """dom[b] = set of block indices dominating b (entry: blocks[0])."""
    everything = set(range(len(blocks)))
    reachable, stack = {0}, [blocks[0]]
    while stack:
        for s in stack.pop().successors:
            if s.index not in reachable:
                reachable.add(s.index)
                stack.append(s)
    dom = {b.index: set(everything) for b in blocks if b.index in reachable}
    dom[0] = {0}
    changed = True
    while changed:
        changed = False
        for b in blocks:
            if b.index == 0 or b.index not in reachable:
                continue
            preds = [dom[p.index] for p in b.predecessors if p.index in reachable]
            new = set.intersection(*preds) | {b.index} if preds else {b.index}
            if new != dom[b.index]:
                dom[b.index] = new
                changed = True
    return dom


class Loop:
    def __init__(self, header):
        self.header = header
        self.body = {header}
        self.latches = set()
        self.mandatory = set()


def natural_loops(blocks, dom):
    loops = {}
    for b in blocks:
        if b.index not in dom:
            continue
        for s in b.successors:
            if s.index in dom[b.index]:  # back edge b -> s
                loop = loops.setdefault(s.index, Loop(s.index))
                loop.latches.add(b.index)
                stack = [b.index]
                while stack:
                    n = stack.pop()
                    if n not in loop.body:
                        loop.body.add(n)
                        stack.extend(p.index for p in blocks[n].predecessors)
    for loop in loops.values():
        loop.mandatory = {n for n in loop.body
                          if all(n in dom[latch] for latch in loop.latches)}
    return list(loops.values())


def register_of(name):
    return GPR_NAMES.get(name.lstrip("%"))


def memory_registers(operand):
    """[(register, scale)] of the base and index of a memory operand."""
    found = re.search(r"\(([^)]*)\)", operand)
    if not found:
        return []
    parts = [p.strip() for p in found.group(1).split(",")]
    result = []
    if parts and parts[0]:
        result.append((register_of(parts[0]), 1))
    if len(parts) > 1 and parts[1]:
        result.append((register_of(parts[1]), int(parts[2]) if len(parts) > 2 and parts[2] else 1))
    return [(r, s) for r, s in result if r and r not in ("rsp", "rbp", "rip")]


def immediate(operand):
    """A $ operand as a signed 64-bit number (objdump prints -128 added to
    a 64-bit register as $0xffffffffffffff80)."""
    if not operand.startswith("$"):
        return None
    try:
        value = int(operand[1:], 0)
    except ValueError:
        return None
    return value - (1 << 64) if value >= 1 << 63 else value


def step(state, ins):
    """Follows one instruction's effect on 64-bit general registers, each an
    (initial register, offset) pair or None when unknown."""
    m, ops = ins.mnemonic, ins.operands
    if ins.is_call():
        for r in ("rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11"):
            state[r] = None
        return
    dest = ins.destination()
    if dest is None:
        return
    d = register_of(bare_register(dest) or "")
    if d is None:
        return
    full = (bare_register(dest) or "").lstrip("%") == d
    value = None
    if full and m in ("add", "addq", "sub", "subq") and len(ops) == 2:
        k = immediate(ops[0])
        if k is not None and state.get(d) is not None:
            base, off = state[d]
            value = (base, off + (k if m.startswith("add") else -k))
    elif full and m in ("inc", "incq", "dec", "decq") and state.get(d) is not None:
        base, off = state[d]
        value = (base, off + (1 if m.startswith("inc") else -1))
    elif full and m in ("mov", "movq") and len(ops) == 2 and register_of(ops[0]) and \
            ops[0].lstrip("%") == register_of(ops[0]):
        value = state.get(register_of(ops[0]))
    elif full and m in ("lea", "leaq") and len(ops) == 2:
        found = re.match(r"^(-?0x[0-9a-f]+|-?\d+)?\((%\w+)\)$", ops[0])
        if found and register_of(found.group(2)) and state.get(register_of(found.group(2))):
            base, off = state[register_of(found.group(2))]
            value = (base, off + (int(found.group(1), 0) if found.group(1) else 0))
    elif m.startswith("xchg") and len(ops) == 2:
        a, b = register_of(ops[0]), register_of(ops[1])
        if a and b:
            state[a], state[b] = state.get(b), state.get(a)
            return
    state[d] = value


def fast_path(blocks, loop, loops):
    """Blocks from the header to a latch, fewest instructions, going round
    blocks that call or belong to an inner loop where it can: the path of
    an iteration whose elements need no special case."""
    inner = set()
    for other in loops:
        if other is not loop and other.header in loop.body and other.header != loop.header:
            inner |= other.body

    def cost(n):
        c = len(blocks[n].instructions)
        if blocks[n].calls() or n in inner:
            c += 100000
        return c
    best = {loop.header: (cost(loop.header), [loop.header])}
    frontier = [loop.header]
    while frontier:
        frontier.sort(key=lambda n: best[n][0])
        n = frontier.pop(0)
        for s in blocks[n].successors:
            if s.index not in loop.body or s.index == loop.header:
                continue
            c = best[n][0] + cost(s.index)
            if s.index not in best or c < best[s.index][0]:
                best[s.index] = (c, best[n][1] + [s.index])
                frontier.append(s.index)
    ends = [best[latch] for latch in loop.latches if latch in best]
    return min(ends)[1] if ends else [loop.header]


FLAG_SETTERS = re.compile(r"^(cmp[bwlq]?|test[bwlq]?|v?u?comis[sdh]|kortest[bwdq]|ktest[bwdq]|"
                          r"v?ptest|vtestp[sd]|and[bwlq]?|or[bwlq]?|xor[bwlq]?|add[bwlq]?|"
                          r"sub[bwlq]?|inc[bwlq]?|dec[bwlq]?|bt[wlq]?)$")


LANE_TESTS = re.compile(r"^(v?movmskp[sd]|v?pmovmskb|kortest[bwdq]|ktest[bwdq]|v?ptest|vtestp[sd])$")


def lane_test(block):
    """Whether the block tests lane masks (any lane special?) to branch."""
    for ins in block.instructions:
        if LANE_TESTS.match(ins.mnemonic):
            return True
        if re.match(r"^kmov[bwdq]$", ins.mnemonic) and ins.operands and \
                register_of(ins.operands[-1]):
            return True
    return False


def skips_work_loop(blocks, loop, path, headers):
    """Whether the path goes round an inner loop by a branch that is not a
    lane test: a loop over rows whose passes are inner loops, the path
    being that of an empty row."""
    on_path = set(path)
    for n in path:
        if lane_test(blocks[n]):
            continue
        for s in blocks[n].successors:
            if s.index in on_path or s.index not in loop.body:
                continue
            region, stack = set(), [s.index]
            while stack:
                m = stack.pop()
                if m in region or m in on_path or m not in loop.body:
                    continue
                region.add(m)
                stack.extend(x.index for x in blocks[m].successors)
            if (region & headers) - {loop.header}:
                return True
    return False


def branches_on_values(blocks, loop, path):
    """Whether a branch on the path picks between two ways through the loop
    by comparing an element's value (a scalar comiss or ucomiss): then the
    work per element depends on the data.  Branches on lane masks
    (kortest, vtestps, movmskps bits) lead to special cases."""
    for n in path:
        block = blocks[n]
        last = block.instructions[-1]
        if not last.is_conditional_jump():
            continue
        if not all(s.index in loop.body for s in block.successors) or len(block.successors) < 2:
            continue
        for ins in reversed(block.instructions[:-1]):
            if FLAG_SETTERS.match(ins.mnemonic):
                if re.match(r"^v?u?comis", ins.mnemonic):
                    return True
                break
    return False


def stride_bytes(blocks, path):
    """The largest distance in bytes a data pointer moves per iteration
    along the path (0: none found)."""
    instructions = [ins for n in path for ins in blocks[n].instructions]
    addressing = collections.defaultdict(set)
    for ins in instructions:
        if ins.mnemonic.startswith("lea"):
            continue  # an address computed, not accessed
        for operand in ins.operands:
            for reg, scale in memory_registers(operand):
                addressing[reg].add(scale)
    state = {r: (r, 0) for r in set(GPR_NAMES.values())}
    history = []
    for _ in range(4):
        for ins in instructions:
            step(state, ins)
        history.append(dict(state))
    best = 0
    for reg, scales in addressing.items():
        a, b = history[-2].get(reg), history[-1].get(reg)
        if a is None or b is None:
            continue
        # the same register at the start of two consecutive iterations
        if a[0] == b[0]:
            delta = abs(b[1] - a[1])
            best = max(best, delta * max(scales))
    return best


class Count:
    def __init__(self, ops=0, elements=0, gathers=0, reason=""):
        self.ops = ops
        self.elements = elements
        self.gathers = gathers
        self.reason = reason

    def per_element(self):
        return self.ops / self.elements if not self.reason else None


def analyze(instructions, element_size):
    """The Count of one function's main loop."""
    blocks = build_blocks(instructions)
    if not blocks:
        return Count(reason="no code")
    dom = dominators(blocks)
    loops = natural_loops(blocks, dom)
    if not loops:
        callees = [ins.call_target for ins in instructions
                   if (ins.is_call() or ins.is_jump()) and ins.target is None and ins.call_target]
        if callees:
            return Count(reason="no loop: the work is done by " +
                         ", ".join(dict.fromkeys(CLONE_SUFFIX.sub("", c) for c in callees)))
        return Count(reason="no loop")
    headers = {loop.header for loop in loops}

    def calls_of(loop, path):
        """What the loop calls, but a special_case routine off the path."""
        return [target for n in sorted(loop.body) for target in blocks[n].calls()
                if "special_case" not in target or n in path]

    candidates = []
    for loop in loops:
        if ((headers & loop.mandatory) - {loop.header}):
            continue  # runs another loop on every iteration
        path = fast_path(blocks, loop, loops)
        if skips_work_loop(blocks, loop, path, headers):
            continue  # its inner loops are its work: passes over a row
        ops = sum(blocks[n].ops() for n in path)
        calls = calls_of(loop, path)
        # the most operations; among loops with none (a loop around a
        # library call only moves its vectors), one that calls
        candidates.append(((ops, bool(calls), -loop.header), loop, path, calls))
    if not candidates:
        return Count(reason="every loop runs other loops (passes over rows or groups)")
    (ops, _, _), main, path, calls = max(candidates, key=lambda c: c[0])
    if ops == 0 and not calls:
        return Count(reason="no vector operation in any loop")
    gathers = sum(blocks[n].gathers() for n in path)
    if calls:
        names = dict.fromkeys(CLONE_SUFFIX.sub("", n) for n in calls)
        return Count(ops=ops, gathers=gathers, reason="main loop calls " + ", ".join(names))
    if any(main.header in loop.body for loop in loops if loop is not main):
        return Count(ops=ops, gathers=gathers,
                     reason="main loop runs inside another loop (several passes per row or group)")
    if branches_on_values(blocks, main, path):
        return Count(ops=ops, gathers=gathers,
                     reason="main loop branches on each element's value (its work depends on the data)")
    stride = stride_bytes(blocks, path)
    if stride == 0 or stride % element_size:
        return Count(ops=ops, gathers=gathers, reason="no data pointer moves by whole elements")
    return Count(ops=ops, elements=stride // element_size, gathers=gathers)


def function_code(functions, name):
    """A function's instructions, with those of the local clones of it that
    it jumps to (name.part.0, name.isra.0 ...), from the first object that
    has it; None when no object has it."""
    for (obj, _), table in functions.items():
        if name not in table:
            continue
        in_object = {}
        for (other, _), other_table in functions.items():
            if other == obj:
                in_object.update(other_table)
        code, seen, queue = [], {name}, [name]
        while queue:
            current = queue.pop(0)
            code.extend(in_object[current])
            for ins in in_object[current]:
                target = ins.call_target
                if ins.is_jump() and target and target not in seen and \
                        target.startswith(name + ".") and target in in_object:
                    seen.add(target)
                    queue.append(target)
        return code
    return None


def disassemble(paths, objdump=None):
    objdump = objdump or shutil.which("objdump") or "objdump"
    result = subprocess.run([objdump, "-d", "-r", "--no-show-raw-insn", "-M", "att"] + paths,
                            check=True, capture_output=True, text=True)
    return result.stdout


def registry_names(path):
    names = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        found = re.match(r"^KERNEL\((\w+),", line)
        if found:
            names.append(found.group(1))
    return names


def element_size_of(name):
    for type_name, size in TYPE_SIZES.items():
        if f"_{type_name}_" in name:
            return size
    return 4


def count_kernel(functions, name):
    result = {}
    for part in ("forward", "gradient"):
        # a scalar own kernel is two clones behind one entry point
        # (impls/scalar_fma_clones.h.in): count the one a CPU with FMA runs
        code = function_code(functions, f"{name}_{part}.fma")
        if code is None:
            code = function_code(functions, f"{name}_{part}")
        result[part] = None if code is None else analyze(code, element_size_of(name))
    return result


def c_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def c_count(count, missing_reason):
    if count is None:
        return f"{{0, 0, 0, {c_string(missing_reason)}}}"
    return f"{{{count.ops}, {count.elements}, {count.gathers}, {c_string(count.reason)}}}"


def write_table(path, names, counts, missing_reason):
    lines = [
        "/* Generated by scripts/kernel-ops.py from the compiled kernels: do not edit. */",
        '#include "kernel_ops.h"',
        "",
        "const struct kernel_ops kernel_ops_table[] = {",
    ]
    entries = [name for name in names if name in counts]
    for name in entries:
        c = counts[name]
        lines.append(f"    {{{c_string(name)},")
        lines.append(f"     {c_count(c['forward'], missing_reason)},")
        lines.append(f"     {c_count(c['gradient'], missing_reason)}}},")
    if not entries:  # C has no empty initializer list
        lines.append('    {"", {0, 0, 0, ""}, {0, 0, 0, ""}},')
    lines += [
        "};",
        "",
        f"const size_t kernel_ops_count = {len(entries)};",
        "",
    ]
    Path(path).write_text("\n".join(lines), encoding="utf-8")


def show(paths):
    functions = parse_objdump(disassemble(paths))
    names = sorted({re.sub(r"_(forward|gradient)$", "", n)
                    for table in functions.values() for n in table
                    if re.search(r"_(forward|gradient)$", n)})
    for name in names:
        for part, count in count_kernel(functions, name).items():
            if count is None:
                continue
            if count.reason:
                figure = f"no floor: {count.reason} ({count.ops} ops)"
            else:
                figure = (f"{count.ops} ops / {count.elements} elements = "
                          f"{count.ops / count.elements:.4g} per element")
                if count.gathers:
                    figure += f", {count.gathers} gathers"
            print(f"{name}_{part}: {figure}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--registry")
    parser.add_argument("--output")
    parser.add_argument("--objdump", help="the objdump to run (default: the one on PATH)")
    parser.add_argument("--no-objdump", action="store_true")
    parser.add_argument("--show", action="store_true")
    parser.add_argument("libraries", nargs="*")
    args = parser.parse_args()
    if args.show:
        show(args.libraries)
        return 0
    if not args.registry or not args.output:
        parser.error("--registry and --output are needed")
    names = registry_names(args.registry)
    counts = {}
    missing = "not counted: objdump was not found when actbench was built"
    if not args.no_objdump and args.libraries:
        functions = parse_objdump(disassemble(args.libraries, args.objdump))
        missing = "no such function in the compiled kernels"
        for name in names:
            c = count_kernel(functions, name)
            if c["forward"] is not None:
                counts[name] = c
    elif args.no_objdump:
        counts = {name: {"forward": None, "gradient": None} for name in names}
    write_table(args.output, names, counts, missing)
    return 0


if __name__ == "__main__":
    sys.exit(main())
