/**
 * Compile-time checks that a schema's static type and a hand-written declaration are the same
 * type, for declarations that live elsewhere (so the two cannot drift until one replaces the other).
 *
 * @example `type _ = Assert<Equals<DeepReadonly<CatalogReport>, Wire<typeof CheckReport>>>;`
 */

/** `true` when A and B are identical types (not merely assignable: optional and extra fields count). */
export type Equals<A, B> = (<G>() => G extends A ? 1 : 2) extends <G>() => G extends B ? 1 : 2 ? true : false;

/** Compiles only when given `true`. */
export type Assert<T extends true> = T;
