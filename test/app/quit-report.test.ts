import { describe, expect, it } from 'vitest';
import { afterWaitLine, waitingLine } from '../../src/app/quit-report.js';

const storage = { kind: 'config-file' as const, location: '/home/jo/.config/favcrm/config.toml' };

describe('quitting while a verify is in flight', () => {
  it('ends by saying where the key went, in the command this person runs', () => {
    expect(waitingLine(false)).toMatch(/key it issues is stored/);
    expect(afterWaitLine({ status: 'signed-out' }, { status: 'signed-in', maskedKey: 'fav_mcp_...abcd', storage }, null, 'npm start')).toBe(
      'Signed up: your key (fav_mcp_...abcd) is stored in /home/jo/.config/favcrm/config.toml. Run `npm start` to carry on.',
    );
  });

  it('says which code to paste when the signup request went out but no key yet, and nothing otherwise', () => {
    const pending = { requestId: 'req_1', maskedEmail: 'm***@x.jp', expiresAt: '' };
    expect(afterWaitLine({ status: 'signed-out' }, { status: 'signed-out' }, pending, 'favcrm-chat')).toMatch(/code was sent to m\*\*\*@x\.jp\. Run `favcrm-chat` and paste it/);
    const signedIn = { status: 'signed-in' as const, maskedKey: 'fav_mcp_...abcd', storage };
    expect(afterWaitLine(signedIn, signedIn, null, 'favcrm-chat')).toBeNull();
  });
});
