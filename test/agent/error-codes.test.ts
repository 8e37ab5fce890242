import { describe, expect, it } from 'vitest';
import { toAgentError } from '../../src/agent/agent-errors.js';
import { FatalError, UsageError } from '../../src/errors/fatal-error.js';
import { errorMessage } from '../../src/errors/error-message.js';
import { FavcrmConnectionError, type ConnectionFailureKind } from '../../src/mcp/connection-errors.js';
import { ConfigFileError, KeyringUnavailableError } from '../../src/secrets/secret-store-errors.js';
import { SandboxStartError } from '../../src/sandbox/start-sandbox.js';
import { ModelConfigurationError } from '../../src/agent/model-choice.js';

describe('error codes', () => {
  it('each way FavCRM fails has its own public code, spelled once (SERVER_ERROR, not SERVER_SERVER_ERROR)', () => {
    const kinds: ConnectionFailureKind[] = ['unreachable', 'unauthorized', 'protocol', 'timeout', 'server-error'];
    const codes = kinds.map((kind) => toAgentError(new FavcrmConnectionError(kind, 'm', 'h')).code);
    expect(codes).toEqual(['SERVER_UNREACHABLE', 'SERVER_UNAUTHORIZED', 'SERVER_PROTOCOL', 'SERVER_TIMEOUT', 'SERVER_ERROR']);
  });
});

describe('FatalError: the expected failures', () => {
  it('carries an exit code and is recognised by brand, also across bundles (a class from another copy of the module)', () => {
    expect(new UsageError('bad flag').exitCode).toBe(2);
    for (const error of [new SandboxStartError('port taken'), new FavcrmConnectionError('unreachable', 'down', 'h'), new ConfigFileError('bad toml', '/x'), new KeyringUnavailableError('locked')]) {
      expect(FatalError.isInstance(error), error.name).toBe(true);
      expect(error.exitCode).toBe(1);
    }
    expect(UsageError.isInstance(new ModelConfigurationError('Unknown model "x"'))).toBe(true);
    // The core may run from its own bundle: same brand, different class.
    const foreign = Object.assign(new Error('from the other bundle'), { [Symbol.for('favcrm-chat.fatal-error')]: true, exitCode: 2 });
    expect(UsageError.isInstance(foreign)).toBe(true);
    // A name that merely ends in "Error" is not enough: a TypeError is a crash.
    expect(FatalError.isInstance(new TypeError('x is not a function'))).toBe(false);
    expect(FatalError.isInstance(Object.assign(new Error('m'), { name: 'SomethingError' }))).toBe(false);
  });

  it('errorMessage reads anything thrown', () => {
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage(42)).toBe('42');
  });
});
