import { ConnectError } from '../../src/connect/connect-errors.js';

/** The ConnectError an edit refuses with; fails the test when the edit goes through or throws something else. */
export function refusal(run: () => string): ConnectError {
  try {
    run();
  } catch (error) {
    if (ConnectError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}
