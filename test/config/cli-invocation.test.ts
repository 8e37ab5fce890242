import { describe, expect, it } from 'vitest';
import { cliInvocation } from '../../src/config/cli-invocation.js';

describe('cliInvocation', () => {
  it('suggests `npm start --` under npm start in this package, the bin name anywhere else', () => {
    expect(cliInvocation({ npm_lifecycle_event: 'start', npm_package_name: 'favcrm-chat' })).toBe('npm start --');
    expect(cliInvocation({ npm_lifecycle_event: 'start', npm_package_name: 'someone-elses-app' })).toBe('favcrm-chat');
    expect(cliInvocation({ npm_lifecycle_event: 'test', npm_package_name: 'favcrm-chat' })).toBe('favcrm-chat');
    expect(cliInvocation({})).toBe('favcrm-chat');
  });
});
