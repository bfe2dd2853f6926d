// Bundled into bench/.samples.js (git-ignored, not published) by `npm run bench`, so the benchmark can use the sample letters.
export { samples } from '../examples/letters/samples.js';
