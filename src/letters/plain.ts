/**
 * Paths into a copied input, for messages. The copy itself is {@link plainCopy} in `src/plain.ts`,
 * shared by every module.
 */
import { printable } from './primitives.js';

export { NotPlain, plainCopy } from '../plain.js';

/** @internal A path for a message: `root.points[3].id`, keys made {@link printable}. */
export function pathText(root: string, path: readonly (string | number)[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}${text ? '.' : ''}${printable(key)}`), root);
}

