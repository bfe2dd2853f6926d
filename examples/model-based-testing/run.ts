/**
 * `npm run example:mbt`: a consumer's integration test, generated from the model. Every shortest
 * path through the complaint lifecycle drives the fake case-management API one event at a time,
 * and after each event the API's answer must match the model's expected step: the same stage,
 * status and deadlines. Replace CaseApi with your own client to test your system.
 */
import { createComplaintTestModel } from 'housing-complaints/testing';
import { CaseApi } from './caseApi.js';

const model = createComplaintTestModel();
const paths = model.shortestPaths();
let steps = 0;
const failures: string[] = [];

for (const [n, path] of paths.entries()) {
  const api = new CaseApi();
  const id = `case-${n}`;
  for (const [i, step] of path.steps.entries()) {
    steps++;
    const response = api.post(id, step.event);
    const shown = api.get(id);
    const expected = { stage: step.stage, status: step.status, ...step.deadlines };
    const actual = shown && { stage: shown.stage, status: shown.status, ...(shown.acknowledgeBy ? { acknowledgeBy: shown.acknowledgeBy } : {}), ...(shown.respondBy ? { respondBy: shown.respondBy } : {}) };
    if (response.status !== 201 || JSON.stringify(actual) !== JSON.stringify(expected)) {
      failures.push(`${path.description}\n  step ${i + 1} (${step.event.type}): expected ${JSON.stringify(expected)}, the API answered ${response.status} ${JSON.stringify(actual)}`);
      break;
    }
  }
}

const sample = paths.find((p) => p.description.endsWith('final response'));
console.log(`Drove the case API through ${paths.length} generated paths (${steps} steps).`);
console.log(`For example: ${sample?.description}`);
if (failures.length > 0) {
  console.error(`${failures.length} paths failed:\n${failures.slice(0, 5).join('\n')}`);
  process.exit(1);
}
console.log(`${paths.length} passed, 0 failed`);
