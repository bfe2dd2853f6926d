/**
 * The lifecycle as a picture: `toMermaid` draws the complaint machine as a Mermaid state diagram
 * from its own definition. Tooling for docs and slides, kept apart from `housing-complaints/machine`
 * so that a screen embedding the machine does not carry it. Needs `xstate` 5 and `zod` 4 (peer
 * dependencies), as the machine does.
 *
 * @example
 * ```ts
 * import { createComplaintMachine } from 'housing-complaints/machine';
 * import { toMermaid } from 'housing-complaints/diagram';
 *
 * toMermaid(createComplaintMachine()).startsWith('stateDiagram-v2'); //=> true
 * ```
 * @module
 */
export { toMermaid, type MermaidOptions } from './diagram.js';
