/**
 * Starts the SES emulator once for the whole run, on a free port (tests tell their emails apart by
 * recipient). DynamoDB Local is started per test file (test/support/harness.ts). Java is checked here, once,
 * so a missing one is said plainly.
 */
import type { TestProject } from 'vitest/node';
import { requireJava, startSesEmulator } from '../../local/emulators.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    sesEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  requireJava();
  const ses = await startSesEmulator({});
  project.provide('sesEndpoint', ses.endpoint);
  return async () => {
    await ses.stop();
  };
}
