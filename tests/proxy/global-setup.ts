import { startStack } from './stack.ts';

/** Starts the stack once for the suite; what it returns Playwright calls at the end (nginx, portals, worker, data gone). */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const stack = await startStack();
  return () => stack.stop();
}
