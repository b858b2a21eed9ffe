/** Which staff directory: Cognito's user pool when the configuration names one (AWS), else the table (this machine). */
import type { Deps, StaffDirectory } from '#shared/ports';
import { TableStaffDirectory } from './dynamodb/staff-directory.ts';

const built = new WeakMap<object, Promise<StaffDirectory>>();

export function staffDirectory(deps: Pick<Deps, 'config' | 'store' | 'clock'>): Promise<StaffDirectory> {
  let directory = built.get(deps);
  if (!directory) {
    const poolId = deps.config.auth.cognitoUserPoolId;
    // Cognito's SDK is loaded on the first staff call only, not at every cold start of the API.
    directory = poolId
      ? import('./cognito/staff-directory.ts').then((m) => new m.CognitoStaffDirectory(poolId))
      : Promise.resolve(new TableStaffDirectory(deps.store, deps.clock));
    built.set(deps, directory);
  }
  return directory;
}
