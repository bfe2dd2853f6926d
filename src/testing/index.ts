/**
 * Model-based test generation for a housing system's own integration with the complaint machine,
 * on `createTestModel` from `xstate/graph`.
 *
 * @example
 * ```ts
 * import { createComplaintTestModel } from 'housing-complaints/testing';
 *
 * const paths = createComplaintTestModel().shortestPaths();
 * paths.every((path) => path.events[0].type === 'RECEIVE'); //=> true
 * ```
 * @module
 */
export {
  createComplaintTestModel,
  type ComplaintPath,
  type ComplaintPathStep,
  type ComplaintTestModel,
  type ComplaintTestModelOptions,
  type SimplePathsOptions,
} from './model.js';
