// Bundled into dist/bench-samples.js by `npm run bench`, so the benchmark can use the sample letters.
export { samples } from '../examples/letters/samples.js';
