/**
 * Typed dependency-injection tokens. Each token is a symbol declared once; the type parameter
 * records what is registered under it.
 * @module
 */
import type { InjectionToken } from 'tsyringe';

/** A typed DI token. `T` is the type of the value registered under it. */
export type Token<T> = symbol & {
  /** Phantom field carrying `T`; never set at run time. */
  readonly __venuelabToken?: T;
};

/** Declares a typed token. Use a namespaced description, e.g. `acme.SignalService`. */
export function createToken<T>(description: string): Token<T> {
  return Symbol.for(`venuelab.token:${description}`) as Token<T>;
}

/** Casts a typed token to tsyringe's token type. */
export function asInjectionToken<T>(token: Token<T>): InjectionToken<T> {
  return token as InjectionToken<T>;
}
