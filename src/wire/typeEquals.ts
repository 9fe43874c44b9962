/**
 * Compile-time checks that two types are the same, where a runtime value must list what a schema
 * states (so the two cannot drift).
 *
 * @example `type _ = Assert<Equals<(typeof MESSAGE_ERROR_CODES)[number], Static<typeof MessageError>['code']>>;`
 */

/** `true` when A and B are identical types (not merely assignable: optional and extra fields count). */
export type Equals<A, B> = (<G>() => G extends A ? 1 : 2) extends <G>() => G extends B ? 1 : 2 ? true : false;

/** Compiles only when given `true`. */
export type Assert<T extends true> = T;
