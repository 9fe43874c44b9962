pragma circom 2.1.6;

// The circuit-friendly profile's relation (docs/spec.md §15.5) plus the commitment
// Poseidon(collateral, side, lots, entry, salt) as the public output. The normative executable
// form of the relation is src/circuit/relation.ts; every check below carries the name it has
// there ('trigger', 'pen-ceil', 'target-at-j', …), and properties/zk.test.ts checks that this
// circuit accepts exactly what relation.ts accepts.
//
// Every inequality is a range check 0 ≤ x < 2^W by bit decomposition (circomlib Num2Bits); a
// check "when c" is the range check of c·x with c a 0/1 signal (it passes when c = 0); a check
// "when c: a = b" is c·(a − b) = 0. A condition the relation writes with `&&` is one 0/1 signal.
//
// Order, and why: the witness calculator (the acceptance oracle of the circuit engine) stops at
// the first failed assertion, and the bit decompositions are nearly all of its work (W + 1
// constraints each). So the template first computes every product and asserts every equality,
// then states every range check once more as a witness-time `assert` (no constraint; it accepts
// exactly what its Num2Bits accepts, see section 3), and only then decomposes: a wrong claim is
// rejected before any decomposition. The rows of section 3 run soonest-rejecting first, and the
// commitment is computed last. None of this changes what the constraint system means.
//
// MIRROR (compile-time): 1 states the range checks as witness-time asserts (the fast oracle); 0
// leaves only the constraints, so the witness code rejects exactly where a constraint fails — the
// `constraints-only` variant, against which properties/zk.test.ts checks the mirrors.
//
// BUG (a compile-time parameter; each variant is a wrapper file in ../):
//   0 none; 1 trigger-strict-lt (the inclusive trigger E ≤ MM checked as E < MM);
//   2 penalty-truncated (⌊f·N_c⌋_u where the spec rounds up);
//   3 missing-range-check (the range check of the target slack at j dropped).

include "circomlib/circuits/poseidon.circom";
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

// when c1: 0 ≤ x1 < 2^n, and when c2: 0 ≤ x2 < 2^n, for 0/1 values c1, c2 never both 1
// (the checks of one row apply to different claims): one decomposition of c1·x1 + c2·x2.
template When2(n) {
    signal input c1;
    signal input x1;
    signal input c2;
    signal input x2;
    signal p1 <== c1 * x1;
    signal p2 <== c2 * x2;
    component bits = Num2Bits(n);
    bits.in <== p1 + p2;
}

// b ∈ {0, 1}.
template Bool() {
    signal input in;
    in * (in - 1) === 0;
}

// [in = v] for a constant v.
template Is(v) {
    signal input in;
    signal output out;
    component z = IsZero();
    z.in <== in - v;
    out <== z.out;
}

// used[k] = [k < count]; fails unless 1 ≤ count ≤ N ('count-tiers', 'count-steps').
template SlotsUsed(N) {
    signal input count;
    signal output used[N];
    component is[N];
    var total = 0;
    for (var t = 0; t < N; t++) {
        is[t] = Is(t + 1);
        is[t].in <== count;
        total += is[t].out;
    }
    total === 1;
    for (var k = 0; k < N; k++) {
        var u = 0;
        for (var t = k; t < N; t++) u += is[t].out;
        used[k] <== u;
    }
}

// The tier of notional N by a one-hot selector over the used slots (all zero when inactive).
// Outputs MM(N) = N·r − cum and the target MM(N) + b·N (scale 34), and the operands of its two
// range checks (L_k ≤ N; N < L_{k+1} when a next slot is used), which the caller runs late.
template TierAt(K) {
    signal input sel[K];
    signal input active;
    signal input used[K];
    signal input floor[K];
    signal input rate[K];
    signal input cum[K];
    signal input buffer;
    signal input N;
    signal output mm;
    signal output target;
    signal output loX;
    signal output hiC;
    signal output hiX;

    component isBool[K];
    signal fl[K];
    signal r[K];
    signal c[K];
    signal hn[K];
    signal nx[K];
    var sum = 0;
    var flS = 0;
    var rS = 0;
    var cS = 0;
    var hnS = 0;
    var nxS = 0;
    for (var k = 0; k < K; k++) {
        isBool[k] = Bool();
        isBool[k].in <== sel[k];
        sel[k] * (1 - used[k]) === 0;
        sum += sel[k];
        fl[k] <== sel[k] * floor[k];
        r[k] <== sel[k] * rate[k];
        c[k] <== sel[k] * cum[k];
        if (k + 1 < K) {
            hn[k] <== sel[k] * used[k + 1];
            nx[k] <== hn[k] * floor[k + 1];
        } else {
            hn[k] <== 0;
            nx[k] <== 0;
        }
        flS += fl[k];
        rS += r[k];
        cS += c[k];
        hnS += hn[k];
        nxS += nx[k];
    }
    sum === active;
    loX <== N - flS;
    hiC <== hnS;
    hiX <== nxS - N - 1;
    mm <== N * rS - cS;
    target <== N * (rS + buffer) - cS;
}

template Liquidation(BUG, MIRROR) {
    var K = 4;
    var S = 4;
    var W = 216;
    var E8 = 100000000;
    var E16 = 10000000000000000;
    // BITS of src/circuit/layout.ts
    var LOTS = 64;
    var ENTRY = 100;
    var AMOUNT = 150;
    var QUOTIENT = 128;
    var SIGNED = 2 ** (QUOTIENT - 1);

    // -- public: parameters in integer form
    signal input strict;
    signal input unit;
    signal input lot;
    signal input tiers;
    signal input tierFloor[K];
    signal input tierRate[K];
    signal input tierCum[K];
    signal input steps;
    signal input stepRatio[S];
    signal input stepRate[S];
    signal input buffer;
    signal input share;
    signal input dust;
    // -- public: market state
    signal input mark;
    signal input fund;
    // -- public: the claim
    signal input status;
    signal input closeLots;
    signal input penalty;
    signal input liquidatorFee;
    signal input realizedPnl;
    signal input insurancePayout;
    signal input badDebt;
    // -- private: the account (committed)
    signal input collateral;
    signal input side;
    signal input lots;
    signal input entry;
    signal input salt;
    // -- private: hints
    signal input tierBefore[K];
    signal input tierA[K];
    signal input tierB[K];
    signal input tierC[K];
    signal input stepSel[S];
    signal input pnlQ;
    signal input penQ;
    signal input capQ;
    signal input capNeg;
    signal input capped;
    signal input feeQ;
    signal input fundQ;
    signal input payCapped;
    signal input maxLots;
    signal input aPnlQ;
    signal input aPenQ;
    signal input minBit;
    signal input bPnlQ;
    signal input bPenQ;
    // -- public output
    signal output commitment;

    // ================= 1. booleans, the status, the slot counts ('bool-*', 'status-range')
    component bools[6];
    for (var i = 0; i < 6; i++) bools[i] = Bool();
    bools[0].in <== strict;
    bools[1].in <== side;
    bools[2].in <== capNeg;
    bools[3].in <== capped;
    bools[4].in <== payCapped;
    bools[5].in <== minBit;
    component tierSlots = SlotsUsed(K);
    tierSlots.count <== tiers;
    component stepSlots = SlotsUsed(S);
    stepSlots.count <== steps;
    component st[4];
    for (var i = 0; i < 4; i++) {
        st[i] = Is(i);
        st[i].in <== status;
    }
    st[0].out + st[1].out + st[2].out + st[3].out === 1;
    signal isH <== st[0].out;
    signal isP <== st[1].out;
    signal isF <== st[2].out;
    signal isB <== st[3].out;
    signal isLiq <== 1 - isH;
    signal isClosed <== isF + isB;

    // ================= 2. every product, every equality
    signal lotP <== lot * mark;
    signal lotE <== lot * entry;
    signal nLotP <== lots * lotP;
    signal nLotE <== lots * lotE;
    // signed PnL of k lots at mark: sg·(kℓP − kℓe), sg = 2·side − 1
    signal sg <== 2 * side - 1;
    signal pnlN <== sg * (nLotP - nLotE);
    signal E <== collateral + pnlN;

    // f_last = stepRate[steps − 1] (for 'gain'); used[k] − used[k+1] = [steps = k + 1]
    signal lastRate[S];
    var fLast = 0;
    for (var k = 0; k < S; k++) {
        lastRate[k] <== (stepSlots.used[k] - (k + 1 < S ? stepSlots.used[k + 1] : 0)) * stepRate[k];
        fLast += lastRate[k];
    }
    signal gainX <== lotP * (tierRate[0] + buffer - fLast) - 2 * E8 * unit;

    // 'tier-before'
    component before = TierAt(K);
    before.sel <== tierBefore;
    before.active <== 1;
    before.used <== tierSlots.used;
    before.floor <== tierFloor;
    before.rate <== tierRate;
    before.cum <== tierCum;
    before.buffer <== buffer;
    before.N <== nLotP;
    component lotsZero = IsZero();
    lotsZero.in <== lots;
    signal healthyHeld <== isH * (1 - lotsZero.out);

    // 'step': the one-hot step selector over the used slots, one step iff liquidatable
    component stepBool[S];
    signal mS[S];
    signal fS[S];
    signal stepHn[S];
    signal mN[S];
    var stepSum = 0;
    var mSel = 0;
    var f = 0;
    var hasNext = 0;
    var mNext = 0;
    for (var k = 0; k < S; k++) {
        stepBool[k] = Bool();
        stepBool[k].in <== stepSel[k];
        stepSel[k] * (1 - stepSlots.used[k]) === 0;
        stepSum += stepSel[k];
        mS[k] <== stepSel[k] * stepRatio[k];
        fS[k] <== stepSel[k] * stepRate[k];
        if (k + 1 < S) {
            stepHn[k] <== stepSel[k] * stepSlots.used[k + 1];
            mN[k] <== stepHn[k] * stepRatio[k + 1];
        } else {
            stepHn[k] <== 0;
            mN[k] <== 0;
        }
        mSel += mS[k];
        f += fS[k];
        hasNext += stepHn[k];
        mNext += mN[k];
    }
    stepSum === isLiq;
    signal rate <== f;
    signal stepHasNext <== hasNext;
    signal stepLoX <== mSel * before.mm - E * E16;
    signal stepHiX <== E * E16 - mNext * before.mm - 1;

    // 'healthy-claim': nothing happens
    isH * closeLots === 0;
    isH * penalty === 0;
    isH * liquidatorFee === 0;
    isH * realizedPnl === 0;
    isH * insurancePayout === 0;
    isH * badDebt === 0;
    // 'close-size' (the equality; the inequalities are range checks below)
    isClosed * (closeLots - lots) === 0;

    // the fill of j lots
    signal jLotP <== closeLots * lotP;
    signal jLotE <== closeLots * lotE;
    signal pnlJ <== sg * (jLotP - jLotE);
    signal pnlQU <== pnlQ * unit;
    signal rho <== pnlJ - pnlQU;
    // 'pnl-claim'
    isLiq * (realizedPnl - pnlQU) === 0;
    signal penQU <== penQ * unit;
    signal fJ <== rate * jLotP;
    signal penRoom <== penQU * E8 - fJ;
    signal eMinus <== E - rho;
    signal capQU <== capQ * unit;
    // 'cap-sign': capNeg ? −capQ − 1 : capQ
    signal capSignX <== capQ * (1 - 2 * capNeg) - capNeg;
    signal capM <== (1 - capNeg) * capQ;
    signal capMU <== capM * unit;
    // 'pen-cap': capped ? penQ·u − capM·u − 1 : capM·u − penQ·u; penalty = capped ? capM·u : penQ·u
    signal penCapX <== (2 * capped - 1) * (penQU - capMU) - capped;
    signal cappedPen <== capped * (capMU - penQU);
    isLiq * (penalty - penQU - cappedPen) === 0;
    signal penShare <== penalty * share;
    signal feeQU <== feeQ * unit;
    // 'fee-claim'
    isLiq * (liquidatorFee - feeQU) === 0;
    signal after <== collateral + realizedPnl - penalty;
    // 'bad-debt': D = −after when bankrupt, else 0
    isB * (badDebt + after) === 0;
    (1 - isB) * badDebt === 0;
    signal fundAfter <== fund + penalty - liquidatorFee + rho;
    signal fundQU <== fundQ * unit;
    // 'payout': payCapped ? D − fundQ·u − 1 : fundQ·u − D; payout = payCapped ? fundQ·u : D
    signal payX <== (2 * payCapped - 1) * (-after - fundQU) - payCapped;
    signal cappedPay <== payCapped * (fundQU + after);
    isB * (insurancePayout + after - cappedPay) === 0;
    (1 - isB) * insurancePayout === 0;
    // 'probe-a': at j the probe's quotients are the fill's
    isP * (aPnlQ - pnlQ) === 0;
    isP * (aPenQ - penQ) === 0;

    // the probes of minimality: a (= j partial, maxLots full/bankrupt), a − 1, a − 2
    component maxZero = IsZero();
    maxZero.in <== maxLots;
    signal aClosed <== isClosed * (1 - maxZero.out);
    signal probeA <== isP + aClosed;
    signal paP <== isP * closeLots;
    signal paC <== isClosed * maxLots;
    signal pa <== paP + paC;
    component paOne = Is(1);
    paOne.in <== pa;
    component paTwo = Is(2);
    paTwo.in <== pa;
    signal probeB <== probeA * (1 - paOne.out);
    signal pNot1 <== isP * (1 - paOne.out);
    signal wOne <== pNot1 * minBit;
    signal wZero <== pNot1 - wOne;
    signal probeC <== wOne * (1 - paTwo.out);
    signal paLotP <== pa * lotP;
    signal paLotE <== pa * lotE;
    component tA = TierAt(K);
    component tB = TierAt(K);
    component tC = TierAt(K);
    tA.sel <== tierA;
    tB.sel <== tierB;
    tC.sel <== tierC;
    tA.active <== probeA;
    tB.active <== probeB;
    tC.active <== probeC;
    tA.used <== tierSlots.used;
    tB.used <== tierSlots.used;
    tC.used <== tierSlots.used;
    tA.floor <== tierFloor;
    tB.floor <== tierFloor;
    tC.floor <== tierFloor;
    tA.rate <== tierRate;
    tB.rate <== tierRate;
    tC.rate <== tierRate;
    tA.cum <== tierCum;
    tB.cum <== tierCum;
    tC.cum <== tierCum;
    tA.buffer <== buffer;
    tB.buffer <== buffer;
    tC.buffer <== buffer;
    // remainders after a, a − 1, a − 2 lots
    tA.N <== nLotP - paLotP;
    tB.N <== nLotP - paLotP + lotP;
    tC.N <== nLotP - paLotP + 2 * lotP;

    signal aPnlQU <== aPnlQ * unit;
    signal aPenQU <== aPenQ * unit;
    signal bPnlQU <== bPnlQ * unit;
    signal bPenQU <== bPenQ * unit;
    // exact slack g(k) = E·10^8 − f·kℓP − target(k); rounded ĝ(k) = (E − (pnl(k) − rq·u) − pq·u)·10^8 − target(k)
    signal fPa1 <== rate * (paLotP - lotP);
    signal fPa2 <== rate * (paLotP - 2 * lotP);
    signal pnlPa1 <== sg * (paLotP - lotP - paLotE + lotE);
    signal mLotP <== maxLots * lotP;
    signal mLotE <== maxLots * lotE;
    signal pnlM <== sg * (mLotP - mLotE);
    signal fM <== rate * mLotP;
    signal fM1 <== rate * (mLotP - lotP);
    component lastLot = Is(0);
    lastLot.in <== maxLots - lots + 1;
    signal notLast <== isClosed * (1 - lastLot.out);
    component maxOne = Is(1);
    maxOne.in <== maxLots;
    signal prevClosed <== aClosed * (1 - maxOne.out);

    // ================= 3. the range checks, soonest-rejecting first
    // A row checks c1·x1 + c2·x2 with c1, c2 never both 1 (a partial-only check with a
    // full/bankrupt-only one, a liquidated-only one with a healthy-only one): exactly the two
    // checks "when c1: x1" and "when c2: x2" of relation.ts, for the price of one.
    var NC = 35;
    signal c1[NC];
    signal x1[NC];
    signal c2[NC];
    signal x2[NC];
    var i = 0;
    // 'trigger': liquidatable iff the claim is not healthy (E·10^8 vs MM at scale 34)
    c1[i] <== isLiq;
    x1[i] <== before.mm - E * E8 - (BUG == 1 ? 1 : strict);
    c2[i] <== healthyHeld;
    x2[i] <== E * E8 - before.mm - (BUG == 1 ? 0 : 1 - strict);
    i++;
    // 'target-at-j': ĝ(j) meets the target (≥ 0 strict, > 0 inclusive) | 'no-partial': ĝ(maxLots) misses
    c1[i] <== (BUG == 3 ? 0 : 1) * isP;
    x1[i] <== (E - (pnlJ - aPnlQU) - aPenQU) * E8 - tA.target - (1 - strict);
    c2[i] <== aClosed;
    x2[i] <== -((E - (pnlM - aPnlQU) - aPenQU) * E8 - tA.target) - strict;
    i++;
    // 'minimal-prev' (w = 0): exact g(j − 1) misses | 'no-partial-prev': exact g(maxLots − 1) misses
    c1[i] <== wZero;
    x1[i] <== -(E * E8 - fPa1 - tB.target) - strict;
    c2[i] <== prevClosed;
    x2[i] <== -(E * E8 - fM1 - tB.target) - strict;
    i++;
    // 'minimal-prev' (w = 1): ĝ(j − 1) misses | 'max-lots': maxLots < n
    c1[i] <== wOne;
    x1[i] <== -((E - (pnlPa1 - bPnlQU) - bPenQU) * E8 - tB.target) - strict;
    c2[i] <== isClosed;
    x2[i] <== lots - 1 - maxLots;
    i++;
    // 'minimal-prev2' (w = 1, j > 2): exact g(j − 2) misses | 'max-lots': the remainder after maxLots is not dust
    c1[i] <== probeC;
    x1[i] <== -(E * E8 - fPa2 - tC.target) - strict;
    c2[i] <== aClosed;
    x2[i] <== nLotP - mLotP - dust;
    i++;
    // 'pen-ceil': penQ·u·10^8 − f·N_c ∈ [0, u·10^8)
    c1[i] <== isLiq;
    x1[i] <== BUG == 2 ? -penRoom : penRoom;
    c2[i] <== 0;
    x2[i] <== 0;
    i++;
    c1[i] <== isLiq;
    x1[i] <== BUG == 2 ? unit * E8 - 1 + penRoom : unit * E8 - 1 - penRoom;
    c2[i] <== 0;
    x2[i] <== 0;
    i++;
    // 'pnl-floor': ρ ∈ [0, u)
    c1[i] <== isLiq;
    x1[i] <== rho;
    c2[i] <== 0;
    x2[i] <== 0;
    i++;
    c1[i] <== isLiq;
    x1[i] <== unit - 1 - rho;
    c2[i] <== 0;
    x2[i] <== 0;
    i++;
    // 'fee-floor': penalty·s − feeQ·u·10^8 ∈ [0, u·10^8)
    c1[i] <== isLiq;
    x1[i] <== penShare - feeQU * E8;
    c2[i] <== 0;
    x2[i] <== 0;
    i++;
    c1[i] <== isLiq;
    x1[i] <== unit * E8 - 1 - (penShare - feeQU * E8);
    c2[i] <== 0;
    x2[i] <== 0;
    i++;
    // 'non-dust': the remainder after j is not dust | 'max-lots': the remainder after maxLots + 1 is dust
    c1[i] <== isP;
    x1[i] <== nLotP - jLotP - dust;
    c2[i] <== notLast;
    x2[i] <== dust - (nLotP - mLotP - lotP) - 1;
    i++;
    // 'close-size': 1 ≤ j ≤ n − 1 when partial | 'bankrupt': full iff the collateral after is ≥ 0
    c1[i] <== isP;
    x1[i] <== closeLots - 1;
    c2[i] <== isF;
    x2[i] <== after;
    i++;
    c1[i] <== isP;
    x1[i] <== lots - 1 - closeLots;
    c2[i] <== isB;
    x2[i] <== -after - 1;
    i++;
    // 'nonempty'
    c1[i] <== isLiq;
    x1[i] <== lots - 1;
    c2[i] <== 0;
    x2[i] <== 0;
    i++;
    // 'cap-floor': E⁻ − capQ·u ∈ [0, u); 'cap-sign'; 'pen-cap'
    c1[i] <== isLiq;
    x1[i] <== eMinus - capQU;
    c2[i] <== 0;
    x2[i] <== 0;
    i++;
    c1[i] <== isLiq;
    x1[i] <== unit - 1 - (eMinus - capQU);
    c2[i] <== 0;
    x2[i] <== 0;
    i++;
    c1[i] <== isLiq;
    x1[i] <== capSignX;
    c2[i] <== 0;
    x2[i] <== 0;
    i++;
    c1[i] <== isLiq;
    x1[i] <== penCapX;
    c2[i] <== 0;
    x2[i] <== 0;
    i++;
    // 'fund-floor': I′ − fundQ·u ∈ [0, u) | 'tier-c': L_k ≤ N < L_{k+1} (partial only)
    c1[i] <== isB;
    x1[i] <== fundAfter - fundQU;
    c2[i] <== probeC;
    x2[i] <== tC.loX;
    i++;
    c1[i] <== isB;
    x1[i] <== unit - 1 - (fundAfter - fundQU);
    c2[i] <== tC.hiC;
    x2[i] <== tC.hiX;
    i++;
    // 'payout'
    c1[i] <== isB;
    x1[i] <== payX;
    c2[i] <== 0;
    x2[i] <== 0;
    i++;
    // 'step': E ≤ m_s·MM, and E > m_{s+1}·MM when a next step is used (scale 42)
    c1[i] <== isLiq;
    x1[i] <== stepLoX;
    c2[i] <== 0;
    x2[i] <== 0;
    i++;
    c1[i] <== stepHasNext;
    x1[i] <== stepHiX;
    c2[i] <== 0;
    x2[i] <== 0;
    i++;
    // the rounding hints: 'minimal-prev' at j − 1 (w = 1) | 'no-partial' at maxLots
    c1[i] <== wOne;
    x1[i] <== pnlPa1 - bPnlQU;
    c2[i] <== aClosed;
    x2[i] <== pnlM - aPnlQU;
    i++;
    c1[i] <== wOne;
    x1[i] <== unit - 1 - (pnlPa1 - bPnlQU);
    c2[i] <== aClosed;
    x2[i] <== unit - 1 - (pnlM - aPnlQU);
    i++;
    c1[i] <== wOne;
    x1[i] <== bPenQU * E8 - fPa1;
    c2[i] <== aClosed;
    x2[i] <== aPenQU * E8 - fM;
    i++;
    c1[i] <== wOne;
    x1[i] <== unit * E8 - 1 - (bPenQU * E8 - fPa1);
    c2[i] <== aClosed;
    x2[i] <== unit * E8 - 1 - (aPenQU * E8 - fM);
    i++;
    // 'tier-before', 'tier-a', 'tier-b': L_k ≤ N < L_{k+1}
    c1[i] <== 1;
    x1[i] <== before.loX;
    c2[i] <== 0;
    x2[i] <== 0;
    i++;
    c1[i] <== before.hiC;
    x1[i] <== before.hiX;
    c2[i] <== 0;
    x2[i] <== 0;
    i++;
    c1[i] <== probeA;
    x1[i] <== tA.loX;
    c2[i] <== 0;
    x2[i] <== 0;
    i++;
    c1[i] <== tA.hiC;
    x1[i] <== tA.hiX;
    c2[i] <== 0;
    x2[i] <== 0;
    i++;
    c1[i] <== probeB;
    x1[i] <== tB.loX;
    c2[i] <== 0;
    x2[i] <== 0;
    i++;
    c1[i] <== tB.hiC;
    x1[i] <== tB.hiX;
    c2[i] <== 0;
    x2[i] <== 0;
    i++;
    // 'gain': every lot raises the exact slack by at least 2u
    c1[i] <== 1;
    x1[i] <== gainX;
    c2[i] <== 0;
    x2[i] <== 0;
    i++;
    assert(i == NC);
    // The same checks as witness-time assertions first (no constraints): a wrong claim is then
    // rejected before any bit decomposition. Each accepts exactly what its Num2Bits(W) accepts:
    // circom compares a field element z as z − p when z > p/2, so "0 ≤ v < 2^W" holds iff
    // z mod p < 2^W.
    if (MIRROR == 1) {
        for (var k = 0; k < NC; k++) {
            assert(c1[k] * x1[k] + c2[k] * x2[k] >= 0 && c1[k] * x1[k] + c2[k] * x2[k] < 2 ** W);
        }
    }
    // ================= 4. 'bound-*': the bounds of private inputs and hints (signed ones shifted)
    var NB = 15;
    signal bx[NB];
    var bw[NB] = [AMOUNT, LOTS, ENTRY, QUOTIENT, QUOTIENT, QUOTIENT, QUOTIENT, QUOTIENT, LOTS, QUOTIENT, QUOTIENT, QUOTIENT, QUOTIENT, AMOUNT, AMOUNT];
    bx[0] <== collateral;
    bx[1] <== lots;
    bx[2] <== entry;
    bx[3] <== pnlQ + SIGNED;
    bx[4] <== penQ;
    bx[5] <== capQ + SIGNED;
    bx[6] <== feeQ;
    bx[7] <== fundQ;
    bx[8] <== maxLots;
    bx[9] <== aPnlQ + SIGNED;
    bx[10] <== aPenQ;
    bx[11] <== bPnlQ + SIGNED;
    bx[12] <== bPenQ;
    // 'bound-notional', 'bound-entry-notional'
    bx[13] <== nLotP;
    bx[14] <== nLotE;
    if (MIRROR == 1) {
        for (var k = 0; k < NB; k++) {
            assert(bx[k] >= 0 && bx[k] < 2 ** bw[k]);
        }
    }
    // ================= 5. the bit decompositions (what the proof enforces), in the same order
    component check[NC];
    for (var k = 0; k < NC; k++) {
        check[k] = When2(W);
        check[k].c1 <== c1[k];
        check[k].x1 <== x1[k];
        check[k].c2 <== c2[k];
        check[k].x2 <== x2[k];
    }
    component bound[NB];
    for (var k = 0; k < NB; k++) {
        bound[k] = Num2Bits(bw[k]);
        bound[k].in <== bx[k];
    }

    // ================= 6. the commitment (last: a rejected claim never pays for it)
    component hash = Poseidon(5);
    hash.inputs[0] <== collateral;
    hash.inputs[1] <== side;
    hash.inputs[2] <== lots;
    hash.inputs[3] <== entry;
    hash.inputs[4] <== salt;
    commitment <== hash.out;
}
