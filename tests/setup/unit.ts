import { afterEach, beforeEach, vi } from 'vitest';

// A stray console.error or console.warn in a unit test is a bug we want to see, so it fails the test.
let spies: Array<ReturnType<typeof vi.spyOn>> = [];
beforeEach(() => {
  spies = (['error', 'warn'] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      throw new Error(`console.${level} called in a test: ${args.map(String).join(' ')}`);
    }),
  );
});
afterEach(() => {
  for (const spy of spies) spy.mockRestore();
});
