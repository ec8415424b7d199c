/**
 * Config paths (`venues[0].config.tau`, `agents[2].count`): parsing, reading and writing on raw
 * (pre-validation) config objects.
 * @module
 */
import { ErrorCode, VenuelabError } from '@venuelab/kernel';

/** Splits a path into keys and indices: `a.b[2].c` -> ['a', 'b', 2, 'c']. */
export function parsePath(path: string): (string | number)[] {
  if (!/^[A-Za-z_$][\w$-]*(\[\d+\]|\.[A-Za-z_$][\w$-]*)*$/.test(path)) {
    throw new VenuelabError(ErrorCode.Config, `"${path}" is not a config path (expected e.g. venues[0].config.tau)`);
  }
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[1] !== undefined ? m[1] : Number(m[2]));
  return out;
}

/** Reads the value at a path (undefined when absent). */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const k of parsePath(path)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

/**
 * Sets the value at a path in place. Every container on the way must exist (so a typo is an error,
 * not a silently created branch); the last key may be new.
 */
export function setPath(obj: unknown, path: string, value: unknown): void {
  const keys = parsePath(path);
  let cur: unknown = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i]!;
    const next = cur !== null && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[k] : undefined;
    if (next === null || typeof next !== 'object') {
      const where = keys.slice(0, i + 1).map((x) => (typeof x === 'number' ? `[${x}]` : x)).join('.').replace(/\.\[/g, '[');
      throw new VenuelabError(ErrorCode.Config, `config path ${path}: nothing at ${where}`);
    }
    cur = next;
  }
  const last = keys[keys.length - 1]!;
  if (Array.isArray(cur) && typeof last === 'number' && last > cur.length) {
    throw new VenuelabError(ErrorCode.Config, `config path ${path}: index ${last} is past the end of a list of ${cur.length}`);
  }
  (cur as Record<string | number, unknown>)[last] = value;
}
