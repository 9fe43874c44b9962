/**
 * The few snarkjs 0.7.6 entry points examples/zk/ uses (snarkjs ships no types). A file argument is
 * a path or an in-memory file `{ type: 'mem', data }` (fastfile).
 */
declare module 'snarkjs' {
  export type MemFile = { type: 'mem'; data?: Uint8Array };
  export type FileArg = string | MemFile;
  export interface Groth16Proof {
    pi_a: string[];
    pi_b: string[][];
    pi_c: string[];
    protocol: string;
    curve: string;
  }
  export interface VerificationKey {
    protocol: string;
    curve: string;
    nPublic: number;
    [k: string]: unknown;
  }
  export const groth16: {
    prove(zkey: FileArg, wtns: FileArg, logger?: unknown): Promise<{ proof: Groth16Proof; publicSignals: string[] }>;
    verify(vk: VerificationKey, publicSignals: readonly string[], proof: Groth16Proof, logger?: unknown): Promise<boolean>;
  };
  export const r1cs: {
    info(r1cs: FileArg, logger?: unknown): Promise<{ nConstraints: number; nPubInputs: number; nPrvInputs: number; nOutputs: number; nVars: number; nLabels: number }>;
  };
  export const wtns: {
    check(r1cs: FileArg, wtns: FileArg, logger?: unknown): Promise<boolean>;
  };
  export const zKey: {
    newZKey(r1cs: FileArg, ptau: FileArg, zkey: FileArg, logger?: unknown): Promise<unknown>;
    beacon(oldZkey: FileArg, newZkey: FileArg, name: string, beaconHashHex: string, numIterationsExp: number, logger?: unknown): Promise<unknown>;
    exportVerificationKey(zkey: FileArg, logger?: unknown): Promise<VerificationKey>;
    verifyFromR1cs(r1cs: FileArg, ptau: FileArg, zkey: FileArg, logger?: unknown): Promise<boolean>;
  };
  export const powersOfTau: {
    newAccumulator(curve: unknown, power: number, file: FileArg, logger?: unknown): Promise<unknown>;
    beacon(oldPtau: FileArg, newPtau: FileArg, name: string, beaconHashHex: string, numIterationsExp: number, logger?: unknown): Promise<unknown>;
    preparePhase2(oldPtau: FileArg, newPtau: FileArg, logger?: unknown): Promise<unknown>;
  };
  export const curves: {
    getCurveFromName(name: string, options?: { singleThread?: boolean }): Promise<{ terminate(): Promise<void> }>;
  };
}
