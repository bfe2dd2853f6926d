import { createMemoryStore } from '../../src/store/index.js';
import { describeStore } from './suite.js';

describeStore({
  name: 'in-memory',
  threads: false,
  async open(options) {
    const store = createMemoryStore(options);
    return {
      store,
      // Memory is one process: another store cannot see it. The same store stands in for it.
      reopen: () => store,
      close: () => store.close(),
    };
  },
});
