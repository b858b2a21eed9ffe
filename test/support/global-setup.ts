/** Starts the real emulators once for the whole run, on free ports; each test file makes its own table. */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal, startSesEmulator } from '../../local/emulators.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    sesEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const [dynamo, ses] = await Promise.all([startDynamoDbLocal({}), startSesEmulator({})]);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('sesEndpoint', ses.endpoint);
  return async () => {
    await Promise.all([dynamo.stop(), ses.stop()]);
  };
}
