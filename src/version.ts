/**
 * The version of this copy of `housing-complaints`, as in its `package.json`.
 *
 * Machines carry it, so that when two copies of the package are loaded in one process (an app that
 * `import`s it while a dependency `require`s it, or two versions in `node_modules`) a snapshot from
 * one copy can be read by the other when they are the same version, and is refused with a clear
 * {@link ForeignMachineError} when they are not.
 *
 * @example
 * ```ts
 * import { VERSION } from 'housing-complaints';
 *
 * VERSION; //=> '0.1.0'
 * ```
 */
export const VERSION = '0.1.0';
