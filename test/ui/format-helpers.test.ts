import { describe, expect, it } from 'vitest';
import { authLines, doctorLines, toolLines } from '../../src/slash-commands/command-lines.js';
import { containsSecret, maskDeep, maskSecrets, maskStreamingText } from '../../src/ui/format/mask-secrets.js';
import { toTableModel, truncateCell } from '../../src/ui/format/table-model.js';
import { inputPlaceholder } from '../../src/ui/state/input-placeholder.js';

const KEY = 'fav_mcp_AbCdEfGhIjKlMnOp_-9876';

describe('mask-secrets', () => {
  it('masks full keys and leaves ordinary text alone', () => {
    expect(maskSecrets(`key ${KEY} and fav_v0_0123456789abcdef`)).toBe('key fav_mcp_...9876 and fav_v0_0...cdef');
    expect(maskSecrets('favourite fav_mcp_short')).toBe('favourite fav_mcp_short');
    expect(maskSecrets(maskSecrets(KEY))).toBe(maskSecrets(KEY));
    expect(maskDeep({ list: [KEY], n: 1 })).toEqual({ list: ['fav_mcp_...9876'], n: 1 });
    expect(containsSecret(`x ${KEY}`)).toBe(true);
    expect(containsSecret('fav_mcp_...9876')).toBe(false);
  });

  it('hides a key that is still streaming in, at every prefix', () => {
    const text = `Your key: ${KEY} keep it safe`;
    for (let end = 0; end <= text.length; end += 1) {
      const shown = maskStreamingText(text.slice(0, end));
      expect(shown).not.toMatch(/fav_mcp_[A-Za-z0-9_-]{5,}/);
    }
    expect(maskStreamingText(text)).toBe('Your key: fav_mcp_...9876 keep it safe');
  });
});

describe('table-model', () => {
  it('reads {items}, {tiers} and arrays of records, capped at 5 rows and 4 scalar columns', () => {
    const items = Array.from({ length: 7 }, (_, index) => ({ id: index, name: `N${index}`, nested: { a: 1 }, email: 'e', phone: 'p', city: 'c' }));
    const model = toTableModel({ items });
    expect(model?.columns).toEqual(['id', 'name', 'email', 'phone']);
    expect(model?.rows).toHaveLength(5);
    expect(model?.hiddenRows).toBe(2);
    expect(toTableModel({ tiers: [{ name: 'Gold' }] })?.rows).toEqual([['Gold']]);
    // null shows as an empty cell; a column empty in every row goes after the others.
    expect(toTableModel([{ a: null, b: true }])).toMatchObject({ columns: ['b', 'a'], rows: [['true', '']] });
  });

  it('leaves out a column that is empty in every shown row when a filled one would not fit', () => {
    const services = [{ id: 'svc_1', name: 'Reformer class', description: '', durationMinutes: 50, price: 420 }];
    expect(toTableModel({ items: services })?.columns).toEqual(['id', 'name', 'durationMinutes', 'price']);
    expect(toTableModel({ items: [...services, { ...services[0], description: 'Small group' }] })?.columns).toEqual(['id', 'name', 'description', 'durationMinutes']);
  });

  it('pushes timestamps and ids of parents last and refuses what is not a list of records', () => {
    expect(toTableModel([{ created_at: 'x', name: 'n' }])?.columns).toEqual(['name', 'created_at']);
    expect(toTableModel({ total: 3 })).toBeNull();
    expect(toTableModel(['a', 'b'])).toBeNull();
    expect(toTableModel([])).toBeNull();
    expect(toTableModel('text')).toBeNull();
  });

  it('truncates cells with an ellipsis', () => {
    expect(truncateCell('abcdefgh', 5)).toBe('abcd…');
    expect(truncateCell('abc', 5)).toBe('abc');
  });
});

describe('command-lines', () => {
  it('puts the doctor verdict first and flattens the rest to a few lines', () => {
    const lines = doctorLines({ url: 'http://x/mcp', reachable: true, authenticated: false, server: { version: '1.2', name: 'favcrm' }, tools: [1, 2], keyring: true });
    expect(lines[0]).toBe('✓ reachable · ✗ authenticated · http://x/mcp');
    expect(lines).toContain('server.version: 1.2');
    expect(lines).toContain('tools: 2 items');
    expect(lines).toContain('✓ keyring');
    const long = doctorLines({ url: 'u', reachable: true, authenticated: true, ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i])) });
    expect(long).toHaveLength(12);
    expect(long.at(-1)).toContain('more');
  });

  it('lists tools with an approval marker and says when a filter matched nothing', () => {
    expect(toolLines([{ name: 'delete_contact', title: 'Delete', summary: 'Deletes a contact', requiresApproval: true }])).toEqual(['delete_contact: Deletes a contact (asks first)']);
    expect(toolLines([], 'zzz')).toEqual(['No tools match "zzz".']);
  });

  it('describes auth without the key', () => {
    expect(authLines({ status: 'signed-in', maskedKey: 'fav_mcp_...abcd', storage: { kind: 'config-file', location: '/home/a/.config/favcrm/config.toml' } })).toEqual([
      'Signed in with fav_mcp_...abcd',
      'Key stored in /home/a/.config/favcrm/config.toml (config-file)',
    ]);
    expect(authLines({ status: 'signed-out' })[0]).toContain('Signed out');
  });
});

describe('input-placeholder', () => {
  it('asks for the code while a signup waits, otherwise fits the auth state', () => {
    const pendingSignup = { requestId: 'r', maskedEmail: 'yo*@example.com', expiresAt: '' };
    expect(inputPlaceholder({ ready: true, pendingSignup, auth: { status: 'signed-out' } })).toBe('Paste the 6-digit code sent to yo*@example.com');
    expect(inputPlaceholder({ ready: true, pendingSignup: null, auth: { status: 'signed-out' } })).toContain('sign up');
    expect(inputPlaceholder({ ready: true, pendingSignup: null, auth: { status: 'signed-in', maskedKey: 'k', storage: { kind: 'keyring', location: 'l' } } })).toContain('in your CRM');
  });

  it("while signed out, invites an answer when the assistant's latest line asks something, until the person replies", () => {
    const signedOut = { ready: true, pendingSignup: null, auth: { status: 'signed-out' } as const };
    const asked = [
      { id: 1, kind: 'user' as const, text: 'Sign me up: Stretch + Breathe, a yoga studio in Hong Kong' },
      { id: 2, kind: 'assistant' as const, text: 'I\'ll register "Stretch + Breathe". What should I use as the email for the account? The 6-digit code goes there.' },
    ];
    expect(inputPlaceholder({ ...signedOut, entries: asked })).toBe('Type your answer, or /help');
    expect(inputPlaceholder({ ...signedOut, entries: [...asked, { id: 3, kind: 'user' as const, text: 'me@x.com' }] })).toContain('sign up');
    expect(inputPlaceholder({ ...signedOut, entries: [{ id: 1, kind: 'assistant' as const, text: 'Is that right?\nDone.' }] })).toContain('sign up');
    const signedIn = { status: 'signed-in', maskedKey: 'k', storage: { kind: 'keyring', location: 'l' } } as const;
    expect(inputPlaceholder({ ...signedOut, auth: signedIn, entries: [{ id: 1, kind: 'assistant' as const, text: 'What next? Try "plan status".' }] })).toContain('in your CRM');
  });

  it('stays neutral while connecting: a pending signup or saved key is not known yet', () => {
    const pendingSignup = { requestId: 'r', maskedEmail: 'yo*@example.com', expiresAt: '' };
    expect(inputPlaceholder({ ready: false, pendingSignup, auth: { status: 'signed-out' } })).toBe('Type a message or /help');
  });
});

describe('toTableModel column choice', () => {
  it('reads a booking by who, what and its local time: other rows\' IDs and the UTC twin of a local time go last', async () => {
    const { toTableModel } = await import('../../src/ui/format/table-model.js');
    const items = [{ id: 'bkg_1', serviceId: 'svc_1', accountId: 'acc_1', startAt: '2026-11-26T02:00:00.000Z', localStart: '2026-11-26 10:00', customerName: 'Jane Doe', serviceName: 'Yoga class', status: 'confirmed' }];
    expect(toTableModel({ items })).toMatchObject({
      columns: ['customerName', 'serviceName', 'localStart', 'status'],
      headers: ['customer', 'service', 'start (local)', 'status'],
    });
  });

  it('shows a booking\'s start in the workspace\'s zone with its weekday, the zone in the header; no UTC end beside it', async () => {
    const { toTableModel } = await import('../../src/ui/format/table-model.js');
    const items = [{ id: 'bkg_1', startAt: '2026-12-08T06:00:00.000Z', endAt: '2026-12-08T07:00:00.000Z', localStart: '2026-12-08 15:00', customerName: 'Jane Doe', serviceName: 'Yoga class', status: 'confirmed' }];
    const model = toTableModel({ items, total: 1, timezone: 'Asia/Tokyo' });
    expect(model?.headers).toEqual(['customer', 'service', 'start (Asia/Tokyo)', 'status']);
    expect(model?.rows).toEqual([['Jane Doe', 'Yoga class', 'Tue 8 Dec, 15:00', 'confirmed']]);
    // Without a zone an instant is still labelled, never a bare UTC time.
    expect(toTableModel([{ name: 'Jane', createdAt: '2026-12-08T06:00:00.000Z' }])?.rows).toEqual([['Jane', '2026-12-08 06:00 UTC']]);
  });
});
